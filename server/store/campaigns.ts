import { type Campaign, type CampaignInput, CampaignMessage, CampaignStatus } from '../../lib/contract/index.ts';
import type { Db } from '../db/open.ts';

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

export function createCampaignStore(db: Db) {
  const byKey = db.prepare<[string], CampaignRow>('SELECT * FROM campaigns WHERE key = ?');
  const all = db.prepare<[], CampaignRow>('SELECT * FROM campaigns ORDER BY key');
  const insert = db.prepare(
    `INSERT INTO campaigns (key, name, status, starts_at, ends_at, message_json, version, created_at, updated_at)
     VALUES (@key, @name, @status, @starts_at, @ends_at, @message_json, 1, @now, @now)`,
  );
  const update = db.prepare(
    `UPDATE campaigns SET name = @name, status = @status, starts_at = @starts_at, ends_at = @ends_at,
       message_json = @message_json, version = version + 1, updated_at = @now
     WHERE key = @key`,
  );

  return {
    /** Creates or replaces by key. Re-sending an unchanged campaign keeps its version. */
    upsert(input: CampaignInput, now: string): { campaign: Campaign; created: boolean } {
      const values = {
        key: input.key,
        name: input.name,
        status: input.status,
        starts_at: iso(input.startsAt),
        ends_at: iso(input.endsAt),
        message_json: JSON.stringify(input.message),
        now,
      };
      return db.transaction(() => {
        const existing = byKey.get(input.key);
        if (!existing) {
          insert.run(values);
        } else {
          const unchanged =
            existing.name === values.name &&
            existing.status === values.status &&
            existing.starts_at === values.starts_at &&
            existing.ends_at === values.ends_at &&
            existing.message_json === values.message_json;
          if (!unchanged) update.run(values);
        }
        const row = byKey.get(input.key);
        if (!row) throw new Error('campaign vanished during upsert');
        return { campaign: toCampaign(row), created: !existing };
      })();
    },
    get(key: string): Campaign | null {
      const row = byKey.get(key);
      return row ? toCampaign(row) : null;
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
