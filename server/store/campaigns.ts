import { type Campaign, type CampaignInput, CampaignMessage, CampaignStatus } from '../../lib/contract/index.ts';
import { type ChangeStore, createChangeStore } from './changes.ts';
import { atomically, type StoreContext } from './context.ts';

interface CampaignRow {
  key: string;
  name: string;
  status: string;
  starts_at: string | null;
  ends_at: string | null;
  message_json: string;
  version: number;
  updated_at: string;
}

function toCampaign(row: CampaignRow): Campaign {
  return {
    key: row.key,
    name: row.name,
    status: CampaignStatus.parse(row.status),
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    message: CampaignMessage.parse(JSON.parse(row.message_json)),
    version: row.version,
    updatedAt: row.updated_at,
  };
}

const iso = (t: string | undefined): string | null => (t ? new Date(t).toISOString() : null);

/** What reps see: a running campaign's message may be shown (`upsert`); a draft or ended one must go (`retire`). */
export const campaignOp = (status: Campaign['status']) => (status === 'active' ? 'upsert' : 'retire');

function values(input: CampaignInput) {
  return {
    key: input.key,
    name: input.name,
    status: input.status,
    starts_at: iso(input.startsAt),
    ends_at: iso(input.endsAt),
    message_json: JSON.stringify(input.message),
  };
}

export function createCampaignStore(ctx: StoreContext, changes: ChangeStore) {
  async function byKey(c: StoreContext, key: string): Promise<CampaignRow | undefined> {
    return c.db.selectFrom('campaigns').selectAll().where('key', '=', key).executeTakeFirst();
  }

  /** Writes unless nothing changed; a write bumps the version and records the change. */
  async function write(
    c: StoreContext,
    changeStore: ChangeStore,
    input: CampaignInput,
    now: string,
  ): Promise<{ campaign: Campaign; created: boolean }> {
    const next = values(input);
    const existing = await byKey(c, input.key);
    const unchanged =
      existing !== undefined &&
      existing.name === next.name &&
      existing.status === next.status &&
      existing.starts_at === next.starts_at &&
      existing.ends_at === next.ends_at &&
      existing.message_json === next.message_json;
    if (!existing) {
      await c.db
        .insertInto('campaigns')
        .values({ ...next, version: 1, created_at: now, updated_at: now })
        .execute();
    } else if (!unchanged) {
      await c.db
        .updateTable('campaigns')
        .set((eb) => ({
          name: next.name,
          status: next.status,
          starts_at: next.starts_at,
          ends_at: next.ends_at,
          message_json: next.message_json,
          version: eb('version', '+', 1),
          updated_at: now,
        }))
        .where('key', '=', next.key)
        .execute();
    }
    const row = await byKey(c, input.key);
    if (!row) throw new Error('campaign vanished during write');
    const campaign = toCampaign(row);
    if (!unchanged)
      await changeStore.append('campaign', campaign.key, campaignOp(campaign.status), campaign.version, now);
    return { campaign, created: !existing };
  }

  return {
    /** Creates or replaces by key. Re-sending an unchanged campaign keeps its version. */
    async upsert(input: CampaignInput, now: string): Promise<{ campaign: Campaign; created: boolean }> {
      return atomically(ctx, (tx) => write(tx, createChangeStore(tx), input, now));
    },
    /** Replaces an existing campaign; call inside a transaction that checked the version. */
    async update(input: CampaignInput, now: string): Promise<Campaign> {
      return (await write(ctx, changes, input, now)).campaign;
    },
    async get(key: string): Promise<Campaign | null> {
      const row = await byKey(ctx, key);
      return row ? toCampaign(row) : null;
    },
    /** Whether a campaign with this key exists, any status (no row is parsed). */
    async exists(key: string): Promise<boolean> {
      const row = await ctx.db.selectFrom('campaigns').select('key').where('key', '=', key).executeTakeFirst();
      return row !== undefined;
    },
    /** Which of `keys` are campaigns. */
    async existing(keys: readonly string[]): Promise<Set<string>> {
      if (keys.length === 0) return new Set();
      const rows = await ctx.db
        .selectFrom('campaigns')
        .select('key')
        .where('key', 'in', [...new Set(keys)])
        .execute();
      return new Set(rows.map((r) => r.key));
    },
    /** The campaigns with these keys, in the order asked (unknown keys are left out). */
    async getMany(keys: readonly string[]): Promise<Campaign[]> {
      if (keys.length === 0) return [];
      const rows = await ctx.db
        .selectFrom('campaigns')
        .selectAll()
        .where('key', 'in', [...new Set(keys)])
        .execute();
      const byKeys = new Map(rows.map((r) => [r.key, r]));
      return keys.flatMap((k) => {
        const row = byKeys.get(k);
        return row ? [toCampaign(row)] : [];
      });
    },
    async list(): Promise<Campaign[]> {
      const rows = await ctx.db.selectFrom('campaigns').selectAll().orderBy('key').execute();
      return rows.map(toCampaign);
    },
  };
}

export type CampaignStore = ReturnType<typeof createCampaignStore>;
