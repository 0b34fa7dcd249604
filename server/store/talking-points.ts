import {
  Audience,
  type TalkingPoint,
  type TalkingPointInput,
  type TalkingPointListQuery,
  type TalkingPointPage,
  TalkingPointStatus,
  Triggers,
} from '../../lib/contract/index.ts';
import type { Db } from '../db/open.ts';
import type { ChangeStore } from './changes.ts';
import { type Keyset, keysetPage } from './cursor.ts';

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
  created_at: string;
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

/** What reps see: a live point may be shown (`upsert`); anything else must go from their screens (`retire`). */
export const pointOp = (status: TalkingPoint['status']) => (status === 'live' ? 'upsert' : 'retire');

function values(id: string, input: TalkingPointInput, now: string) {
  return {
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
    now,
  };
}

export function createTalkingPointStore(db: Db, changes: ChangeStore) {
  const byId = db.prepare<[string], TalkingPointRow>('SELECT * FROM talking_points WHERE id = ?');
  const byStatus = db.prepare<[string], TalkingPointRow>('SELECT * FROM talking_points WHERE status = ? ORDER BY id');
  const idExists = db.prepare<[string], number>('SELECT 1 FROM talking_points WHERE id = ?').pluck();
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

  const update = db.prepare(
    `UPDATE talking_points SET campaign_key = @campaign_key, title = @title, body = @body, status = @status,
       priority = @priority, audience_json = @audience_json, triggers_json = @triggers_json,
       valid_from = @valid_from, valid_to = @valid_to, version = version + 1, updated_at = @now
     WHERE id = @id`,
  );

  /** Reads the written row back and records the change, in the writer's transaction. */
  function written(id: string, now: string): TalkingPoint {
    const row = byId.get(id);
    if (!row) throw new Error('talking point vanished during write');
    const point = toTalkingPoint(row);
    changes.append('talkingPoint', id, pointOp(point.status), point.version, now);
    return point;
  }

  function list(query: TalkingPointListQuery, after: Keyset | null): TalkingPointPage {
    return keysetPage<TalkingPointRow, TalkingPoint>(db, {
      table: 'talking_points',
      sortColumn: 'created_at',
      filters: [
        query.status ? ['status = ?', query.status] : undefined,
        query.campaign ? ['campaign_key = ?', query.campaign] : undefined,
      ],
      after,
      limit: query.limit,
      toItem: toTalkingPoint,
    });
  }

  return {
    /** Writes a point under the given id (new ids come from the caller); an existing id is replaced, version bumped. */
    put(id: string, input: TalkingPointInput, author: string | null, now: string): TalkingPoint {
      return db
        .transaction(() => {
          upsert.run({ ...values(id, input, now), author });
          return written(id, now);
        })
        .immediate();
    },
    /**
     * Replaces every field but the author; call inside a transaction that checked the version. An
     * edit that changes nothing is not written (same version, no change recorded).
     */
    update(id: string, input: TalkingPointInput, now: string): TalkingPoint {
      const before = byId.get(id);
      const next = values(id, input, now);
      if (before) {
        const same = (Object.keys(next) as (keyof typeof next)[]).every((k) => k === 'now' || before[k] === next[k]);
        if (same) return toTalkingPoint(before);
      }
      update.run(next);
      return written(id, now);
    },
    list,
    get(id: string): TalkingPoint | null {
      const row = byId.get(id);
      return row ? toTalkingPoint(row) : null;
    },
    /** Whether a point with this id exists, any status (no row is parsed). */
    exists(id: string): boolean {
      return idExists.get(id) !== undefined;
    },
    /** Every point with status live; the validity window is checked by ranking against its `now`. */
    listLive(): TalkingPoint[] {
      return byStatus.all('live').map(toTalkingPoint);
    },
  };
}

export type TalkingPointStore = ReturnType<typeof createTalkingPointStore>;
