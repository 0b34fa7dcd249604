import { type Campaign, type CampaignInput, CampaignMessage, CampaignStatus } from '../../lib/contract/index.ts';
import type { Db } from '../db/open.ts';
import type { ChangeStore } from './changes.ts';

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

function values(input: CampaignInput, now: string) {
  return {
    key: input.key,
    name: input.name,
    status: input.status,
    starts_at: iso(input.startsAt),
    ends_at: iso(input.endsAt),
    message_json: JSON.stringify(input.message),
    now,
  };
}

export function createCampaignStore(db: Db, changes: ChangeStore) {
  const byKey = db.prepare<[string], CampaignRow>('SELECT * FROM campaigns WHERE key = ?');
  const all = db.prepare<[], CampaignRow>('SELECT * FROM campaigns ORDER BY key');
  const keyExists = db.prepare<[string], number>('SELECT 1 FROM campaigns WHERE key = ?').pluck();
  const insert = db.prepare(
    `INSERT INTO campaigns (key, name, status, starts_at, ends_at, message_json, version, created_at, updated_at)
     VALUES (@key, @name, @status, @starts_at, @ends_at, @message_json, 1, @now, @now)`,
  );
  const update = db.prepare(
    `UPDATE campaigns SET name = @name, status = @status, starts_at = @starts_at, ends_at = @ends_at,
       message_json = @message_json, version = version + 1, updated_at = @now
     WHERE key = @key`,
  );

  /** Writes unless nothing changed; a write bumps the version and records the change. */
  function write(input: CampaignInput, now: string): { campaign: Campaign; created: boolean } {
    const next = values(input, now);
    const existing = byKey.get(input.key);
    const unchanged =
      existing !== undefined &&
      existing.name === next.name &&
      existing.status === next.status &&
      existing.starts_at === next.starts_at &&
      existing.ends_at === next.ends_at &&
      existing.message_json === next.message_json;
    if (!existing) insert.run(next);
    else if (!unchanged) update.run(next);
    const row = byKey.get(input.key);
    if (!row) throw new Error('campaign vanished during write');
    const campaign = toCampaign(row);
    if (!unchanged) changes.append('campaign', campaign.key, campaignOp(campaign.status), campaign.version, now);
    return { campaign, created: !existing };
  }

  return {
    /** Creates or replaces by key. Re-sending an unchanged campaign keeps its version. */
    upsert(input: CampaignInput, now: string): { campaign: Campaign; created: boolean } {
      return db.transaction(() => write(input, now)).immediate();
    },
    /** Replaces an existing campaign; call inside a transaction that checked the version. */
    update(input: CampaignInput, now: string): Campaign {
      return write(input, now).campaign;
    },
    get(key: string): Campaign | null {
      const row = byKey.get(key);
      return row ? toCampaign(row) : null;
    },
    /** Whether a campaign with this key exists, any status (no row is parsed). */
    exists(key: string): boolean {
      return keyExists.get(key) !== undefined;
    },
    getMany(keys: readonly string[]): Campaign[] {
      return keys.flatMap((k) => {
        const row = byKey.get(k);
        return row ? [toCampaign(row)] : [];
      });
    },
    list(): Campaign[] {
      return all.all().map(toCampaign);
    },
  };
}

export type CampaignStore = ReturnType<typeof createCampaignStore>;
