import {
  Audience,
  type TalkingPoint,
  type TalkingPointInput,
  TalkingPointStatus,
  Triggers,
} from '../../lib/contract/index.ts';
import type { Db } from '../db/open.ts';

interface TalkingPointRow {
  id: string;
  campaign_key: string | null;
  title: string;
  body: string;
  status: string;
  priority: number;
  audience_json: string;
  triggers_json: string;
  valid_from: string | null;
  valid_to: string | null;
  author: string | null;
  version: number;
  updated_at: string;
}

function toTalkingPoint(row: TalkingPointRow): TalkingPoint {
  return {
    id: row.id,
    campaign: row.campaign_key,
    title: row.title,
    body: row.body,
    status: TalkingPointStatus.parse(row.status),
    priority: row.priority,
    audience: Audience.parse(JSON.parse(row.audience_json)),
    triggers: Triggers.parse(JSON.parse(row.triggers_json)),
    validFrom: row.valid_from,
    validTo: row.valid_to,
    version: row.version,
    updatedAt: row.updated_at,
    author: row.author,
  };
}

const iso = (t: string | undefined): string | null => (t ? new Date(t).toISOString() : null);

export function createTalkingPointStore(db: Db) {
  const byId = db.prepare<[string], TalkingPointRow>('SELECT * FROM talking_points WHERE id = ?');
  const byStatus = db.prepare<[string], TalkingPointRow>('SELECT * FROM talking_points WHERE status = ? ORDER BY id');
  const upsert = db.prepare(
    `INSERT INTO talking_points (id, campaign_key, title, body, status, priority, audience_json, triggers_json,
       valid_from, valid_to, author, version, created_at, updated_at)
     VALUES (@id, @campaign_key, @title, @body, @status, @priority, @audience_json, @triggers_json,
       @valid_from, @valid_to, @author, 1, @now, @now)
     ON CONFLICT (id) DO UPDATE SET campaign_key = excluded.campaign_key, title = excluded.title,
       body = excluded.body, status = excluded.status, priority = excluded.priority,
       audience_json = excluded.audience_json, triggers_json = excluded.triggers_json,
       valid_from = excluded.valid_from, valid_to = excluded.valid_to, version = version + 1,
       updated_at = excluded.updated_at`,
  );

  return {
    /** Writes a point under the given id (new ids come from the caller); an existing id is replaced, version bumped. */
    put(id: string, input: TalkingPointInput, author: string | null, now: string): TalkingPoint {
      upsert.run({
        id,
        campaign_key: input.campaign ?? null,
        title: input.title,
        body: input.body,
        status: input.status,
        priority: input.priority,
        audience_json: JSON.stringify(input.audience),
        triggers_json: JSON.stringify(input.triggers),
        valid_from: iso(input.validFrom),
        valid_to: iso(input.validTo),
        author,
        now,
      });
      const row = byId.get(id);
      if (!row) throw new Error('talking point vanished during write');
      return toTalkingPoint(row);
    },
    get(id: string): TalkingPoint | null {
      const row = byId.get(id);
      return row ? toTalkingPoint(row) : null;
    },
    /** Every point with status live; the validity window is checked by ranking against its `now`. */
    listLive(): TalkingPoint[] {
      return byStatus.all('live').map(toTalkingPoint);
    },
  };
}

export type TalkingPointStore = ReturnType<typeof createTalkingPointStore>;
