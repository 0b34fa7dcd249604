import {
  Audience,
  type TalkingPoint,
  type TalkingPointInput,
  type TalkingPointListQuery,
  type TalkingPointPage,
  TalkingPointStatus,
  Triggers,
} from '../../lib/contract/index.ts';
import type { TalkingPointsTable } from '../db/tables.ts';
import { type ChangeStore, createChangeStore } from './changes.ts';
import { atomically, type StoreContext } from './context.ts';
import { type Keyset, keysetPage } from './cursor.ts';

/** A row as stored (the table's type in `db/tables.ts`). */
type TalkingPointRow = TalkingPointsTable;

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

function values(id: string, input: TalkingPointInput) {
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
  };
}

export function createTalkingPointStore(ctx: StoreContext, changes: ChangeStore) {
  async function byId(c: StoreContext, id: string): Promise<TalkingPointRow | undefined> {
    return c.db.selectFrom('talking_points').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Reads the written row back and records the change, in the writer's transaction. */
  async function written(c: StoreContext, changeStore: ChangeStore, id: string, now: string): Promise<TalkingPoint> {
    const row = await byId(c, id);
    if (!row) throw new Error('talking point vanished during write');
    const point = toTalkingPoint(row);
    await changeStore.append('talkingPoint', id, pointOp(point.status), point.version, now);
    return point;
  }

  async function list(query: TalkingPointListQuery, after: Keyset | null): Promise<TalkingPointPage> {
    const { status, campaign } = query;
    return keysetPage(ctx.db, {
      table: 'talking_points',
      sortColumn: 'created_at',
      filters: [
        status ? (eb) => eb('status', '=', status) : undefined,
        campaign ? (eb) => eb('campaign_key', '=', campaign) : undefined,
      ],
      after,
      limit: query.limit,
      toItem: toTalkingPoint,
    });
  }

  return {
    /** Writes a point under the given id (new ids come from the caller); an existing id is replaced, version bumped. */
    async put(id: string, input: TalkingPointInput, author: string | null, now: string): Promise<TalkingPoint> {
      return atomically(ctx, async (tx) => {
        await tx.db
          .insertInto('talking_points')
          .values({ ...values(id, input), author, version: 1, created_at: now, updated_at: now })
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              campaign_key: eb.ref('excluded.campaign_key'),
              title: eb.ref('excluded.title'),
              body: eb.ref('excluded.body'),
              status: eb.ref('excluded.status'),
              priority: eb.ref('excluded.priority'),
              audience_json: eb.ref('excluded.audience_json'),
              triggers_json: eb.ref('excluded.triggers_json'),
              valid_from: eb.ref('excluded.valid_from'),
              valid_to: eb.ref('excluded.valid_to'),
              // Qualified: PostgreSQL calls a bare `version` here ambiguous (the row or `excluded`).
              version: eb('talking_points.version', '+', 1),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
        return written(tx, createChangeStore(tx), id, now);
      });
    },
    /**
     * Replaces every field but the author; call inside a transaction that checked the version. An
     * edit that changes nothing is not written (same version, no change recorded).
     */
    async update(id: string, input: TalkingPointInput, now: string): Promise<TalkingPoint> {
      const before = await byId(ctx, id);
      const next = values(id, input);
      if (before) {
        const same = (Object.keys(next) as (keyof typeof next)[]).every((k) => before[k] === next[k]);
        if (same) return toTalkingPoint(before);
      }
      await ctx.db
        .updateTable('talking_points')
        .set((eb) => ({
          campaign_key: next.campaign_key,
          title: next.title,
          body: next.body,
          status: next.status,
          priority: next.priority,
          audience_json: next.audience_json,
          triggers_json: next.triggers_json,
          valid_from: next.valid_from,
          valid_to: next.valid_to,
          version: eb('version', '+', 1),
          updated_at: now,
        }))
        .where('id', '=', id)
        .execute();
      return written(ctx, changes, id, now);
    },
    list,
    async get(id: string): Promise<TalkingPoint | null> {
      const row = await byId(ctx, id);
      return row ? toTalkingPoint(row) : null;
    },
    /** Whether a point with this id exists, any status (no row is parsed). */
    async exists(id: string): Promise<boolean> {
      const row = await ctx.db.selectFrom('talking_points').select('id').where('id', '=', id).executeTakeFirst();
      return row !== undefined;
    },
    /** Which of `ids` are points (any status). */
    async existing(ids: readonly string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await ctx.db
        .selectFrom('talking_points')
        .select('id')
        .where('id', 'in', [...new Set(ids)])
        .execute();
      return new Set(rows.map((r) => r.id));
    },
    /** Every point with status live; the validity window is checked by ranking against its `now`. */
    async listLive(): Promise<TalkingPoint[]> {
      const rows = await ctx.db
        .selectFrom('talking_points')
        .selectAll()
        .where('status', '=', 'live')
        .orderBy('id')
        .execute();
      return rows.map(toTalkingPoint);
    },
  };
}

export type TalkingPointStore = ReturnType<typeof createTalkingPointStore>;
