import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import {
  type MappingTarget,
  type SourceCounters,
  type SourceKind,
  SourceSettings,
  type SourceSummary,
} from '../../lib/contract/index.ts';
import type { SourceInboxState, SourcesTable } from '../db/tables.ts';
import { normaliseName } from '../sources/default-mapping.ts';
import type { InboxItem } from '../sources/items.ts';
import { atomically, type StoreContext } from './context.ts';

/** `src_` and 16 hex characters. */
export const SOURCE_ID = /^src_[0-9a-f]{16}$/;
export const newSourceId = () => `src_${randomBytes(8).toString('hex')}`;

/** Errors kept per source; the console shows the newest 10. */
const KEPT_ERRORS = 20;
const SHOWN_ERRORS = 10;
const SHOWN_UNMAPPED_NAMES = 50;
/** Inbox rows per insert statement: 6 parameters each, far below both engines' limits. */
const ACCEPT_CHUNK = 500;

export interface StoredSource {
  id: string;
  kind: SourceKind;
  name: string;
  secretEnc: string | null;
  settings: SourceSettings;
  createdAt: string;
}

export interface InboxRow {
  id: number;
  sourceId: string;
  name: string;
  payloadJson: string;
  receivedAt: string;
}

export interface SyncState {
  cursorJson: string | null;
  /** Why the last sync stopped (a refused token), null when it did not. */
  failing: string | null;
  lastSyncedAt: string | null;
  leaseHolder: string | null;
  leaseUntil: string | null;
}

export type Counter = 'received' | 'stored' | 'duplicates' | 'rejected_signature' | 'unmapped' | 'skipped';

const pathOf = (id: string, kind: SourceKind) => `/v1/sources/${id}/${kind}`;

const COUNTERS: readonly Counter[] = ['received', 'stored', 'duplicates', 'rejected_signature', 'unmapped', 'skipped'];

function countersOf(row: Partial<Record<Counter, number | string | bigint>> | undefined): SourceCounters {
  const n = (c: Counter) => Number(row?.[c] ?? 0);
  return {
    received: n('received'),
    stored: n('stored'),
    duplicates: n('duplicates'),
    rejectedSignature: n('rejected_signature'),
    unmapped: n('unmapped'),
    skipped: n('skipped'),
  };
}

function settingsOf(json: string): SourceSettings {
  const parsed = SourceSettings.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : SourceSettings.parse({});
}

function stored(
  row: Pick<SourcesTable, 'id' | 'kind' | 'name' | 'secret_enc' | 'settings_json' | 'created_at'>,
): StoredSource {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    secretEnc: row.secret_enc,
    settings: settingsOf(row.settings_json),
    createdAt: row.created_at,
  };
}

export function createSourceStore(ctx: StoreContext) {
  return {
    async create(
      source: {
        id: string;
        kind: SourceKind;
        name: string;
        secretEnc: string | null;
        settings: SourceSettings;
        syncCursor?: string;
      },
      now: string,
    ) {
      await ctx.db
        .insertInto('sources')
        .values({
          id: source.id,
          kind: source.kind,
          name: source.name,
          secret_enc: source.secretEnc,
          settings_json: JSON.stringify(source.settings),
          sync_cursor: source.syncCursor ?? null,
          created_at: now,
        })
        .execute();
      return { ...source, path: pathOf(source.id, source.kind) };
    },

    async get(id: string): Promise<StoredSource | null> {
      if (!SOURCE_ID.test(id)) return null;
      const row = await ctx.db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? stored(row) : null;
    },

    /** Deletes the source with its inbox and errors; events and leads it brought stay. */
    async remove(id: string): Promise<boolean> {
      return atomically(ctx, async (tx) => {
        await tx.db.deleteFrom('source_inbox').where('source_id', '=', id).execute();
        await tx.db.deleteFrom('source_errors').where('source_id', '=', id).execute();
        await tx.db.deleteFrom('source_days').where('source_id', '=', id).execute();
        const result = await tx.db.deleteFrom('sources').where('id', '=', id).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },

    /** Every source, oldest first, with its counters (all-time and for `now`'s UTC day), unmapped names and newest errors. */
    async list(now: string = new Date().toISOString()): Promise<SourceSummary[]> {
      const rows = await ctx.db.selectFrom('sources').selectAll().orderBy('created_at').orderBy('id').execute();
      const day = now.slice(0, 10);
      const days = await ctx.db.selectFrom('source_days').selectAll().where('day', '=', day).execute();
      const out: SourceSummary[] = [];
      for (const row of rows) {
        const names = await ctx.db
          .selectFrom('source_inbox')
          .select(['name', (eb) => eb.fn.countAll().as('n')])
          .where('source_id', '=', row.id)
          .where('state', '=', 'unmapped')
          .groupBy('name')
          .orderBy('n', 'desc')
          .orderBy('name')
          .limit(SHOWN_UNMAPPED_NAMES)
          .execute();
        const errors = await ctx.db
          .selectFrom('source_errors')
          .select(['at', 'message'])
          .where('source_id', '=', row.id)
          .orderBy('id', 'desc')
          .limit(SHOWN_ERRORS)
          .execute();
        const { settings } = stored(row);
        out.push({
          id: row.id,
          kind: row.kind,
          name: row.name,
          path: pathOf(row.id, row.kind),
          createdAt: row.created_at,
          lastReceivedAt: row.last_received_at,
          counters: countersOf(row),
          unmappedNames: names.map((n) => ({ name: n.name, count: Number(n.n) })),
          lastErrors: errors,
          settings: { mapping: settings.mapping, maxEventAgeHours: settings.maxEventAgeHours },
          today: { day, ...countersOf(days.find((d) => d.source_id === row.id)) },
        });
      }
      return out;
    },

    /** Ids of the pulled (HubSpot) sources, oldest first. */
    async pulledIds(): Promise<string[]> {
      const rows = await ctx.db
        .selectFrom('sources')
        .select('id')
        .where('kind', '=', 'hubspot')
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => r.id);
    },

    async syncState(id: string): Promise<SyncState | null> {
      const row = await ctx.db
        .selectFrom('sources')
        .select(['sync_cursor', 'sync_failing', 'last_synced_at', 'sync_lease_holder', 'sync_lease_until'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row
        ? {
            cursorJson: row.sync_cursor,
            failing: row.sync_failing,
            lastSyncedAt: row.last_synced_at,
            leaseHolder: row.sync_lease_holder,
            leaseUntil: row.sync_lease_until,
          }
        : null;
    },

    /**
     * Takes (or renews) the source's sync lease until `until`: true when no other holder's lease is
     * current. One conditional update, so two instances asking at once cannot both get it.
     */
    async claimSync(id: string, holder: string, now: string, until: string): Promise<boolean> {
      const result = await ctx.db
        .updateTable('sources')
        .set({ sync_lease_holder: holder, sync_lease_until: until })
        .where('id', '=', id)
        .where((eb) =>
          eb.or([
            eb('sync_lease_until', 'is', null),
            eb('sync_lease_until', '<=', now),
            eb('sync_lease_holder', '=', holder),
          ]),
        )
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Saves where the sync is; false when `holder` no longer holds the lease (nothing saved). */
    async saveCursor(id: string, holder: string, cursorJson: string): Promise<boolean> {
      const result = await ctx.db
        .updateTable('sources')
        .set({ sync_cursor: cursorJson })
        .where('id', '=', id)
        .where('sync_lease_holder', '=', holder)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Ends a sync: releases the lease, and records it as failing (`failing`) or as done at `now`. */
    async finishSync(id: string, holder: string, now: string, failing: string | null): Promise<void> {
      await ctx.db
        .updateTable('sources')
        .set({
          sync_lease_holder: null,
          sync_lease_until: null,
          sync_failing: failing,
          ...(failing === null ? { last_synced_at: now } : {}),
        })
        .where('id', '=', id)
        .where('sync_lease_holder', '=', holder)
        .execute();
    },

    /** Adds to the all-time counters and to those of `at`'s UTC day (by default the receipt's, else now). */
    async count(
      sourceId: string,
      counts: Partial<Record<Counter, number>>,
      receivedAt?: string,
      at: string = receivedAt ?? new Date().toISOString(),
    ): Promise<void> {
      const set: Record<string, unknown> = {};
      const daySet: Record<string, unknown> = {};
      const dayValues: Partial<Record<Counter, number>> = {};
      for (const column of COUNTERS) {
        const n = counts[column];
        if (!n) continue;
        set[column] = sql`${sql.ref(column)} + ${n}`;
        daySet[column] = sql`${sql.ref(`source_days.${column}`)} + ${n}`;
        dayValues[column] = n;
      }
      if (Object.keys(daySet).length > 0) {
        await ctx.db
          .insertInto('source_days')
          .values({ source_id: sourceId, day: at.slice(0, 10), ...dayValues })
          .onConflict((oc) => oc.columns(['source_id', 'day']).doUpdateSet(daySet))
          .execute();
      }
      if (receivedAt) set.last_received_at = receivedAt;
      if (Object.keys(set).length === 0) return;
      await ctx.db.updateTable('sources').set(set).where('id', '=', sourceId).execute();
    },

    async recordError(sourceId: string, at: string, message: string): Promise<void> {
      await atomically(ctx, async (tx) => {
        await tx.db
          .insertInto('source_errors')
          .values({ source_id: sourceId, at, message: message.slice(0, 500) })
          .execute();
        const keep = tx.db
          .selectFrom('source_errors')
          .select('id')
          .where('source_id', '=', sourceId)
          .orderBy('id', 'desc')
          .limit(KEPT_ERRORS);
        await tx.db.deleteFrom('source_errors').where('source_id', '=', sourceId).where('id', 'not in', keep).execute();
      });
    },

    /**
     * Writes the items not seen before (by source and key) as `new` inbox rows, a few multi-row
     * statements for the lot; returns the new rows' ids, in the items' order, and how many were
     * already there (or repeated within `items`: the first copy is kept).
     */
    async accept(
      sourceId: string,
      items: readonly InboxItem[],
      now: string,
    ): Promise<{ ids: number[]; duplicates: number }> {
      return atomically(ctx, async (tx) => {
        const keys = new Set<string>();
        const fresh = items.filter((item) => !keys.has(item.key) && keys.add(item.key));
        const inserted = new Map<string, number>();
        for (let i = 0; i < fresh.length; i += ACCEPT_CHUNK) {
          const rows = await tx.db
            .insertInto('source_inbox')
            .values(
              fresh.slice(i, i + ACCEPT_CHUNK).map((item) => ({
                source_id: sourceId,
                item_key: item.key,
                name: item.name,
                payload_json: JSON.stringify(item.payload),
                received_at: now,
                state: 'new' as const,
              })),
            )
            .onConflict((oc) => oc.columns(['source_id', 'item_key']).doNothing())
            .returning(['id', 'item_key'])
            .execute();
          for (const row of rows) inserted.set(row.item_key, row.id);
        }
        const ids = fresh.flatMap((item) => inserted.get(item.key) ?? []);
        const duplicates = items.length - ids.length;
        const source = createSourceStore(tx);
        await source.count(sourceId, { received: items.length, duplicates }, now);
        return { ids, duplicates };
      });
    },

    /** Inbox rows not mapped yet, oldest first: `ids` of them, or any (after `afterId`). */
    async pending(options: { ids?: readonly number[]; afterId?: number; limit: number }): Promise<InboxRow[]> {
      let query = ctx.db
        .selectFrom('source_inbox')
        .select(['id', 'source_id', 'name', 'payload_json', 'received_at'])
        .where('state', '=', 'new');
      if (options.ids) {
        if (options.ids.length === 0) return [];
        query = query.where('id', 'in', [...options.ids]);
      }
      if (options.afterId !== undefined) query = query.where('id', '>', options.afterId);
      const rows = await query.orderBy('id').limit(options.limit).execute();
      return rows.map((r) => ({
        id: r.id,
        sourceId: r.source_id,
        name: r.name,
        payloadJson: r.payload_json,
        receivedAt: r.received_at,
      }));
    },

    /**
     * Inside a transaction: which of `ids` are still `new`, held for this transaction. On PostgreSQL
     * they are locked and rows another transaction holds are left out (SKIP LOCKED), so mappers on
     * several instances take disjoint rows; SQLite's write transactions already run one at a time.
     */
    async claim(ids: readonly number[]): Promise<Set<number>> {
      if (ids.length === 0) return new Set();
      const read = ctx.db
        .selectFrom('source_inbox')
        .select('id')
        .where('id', 'in', [...ids])
        .where('state', '=', 'new');
      const rows = await (ctx.engine === 'postgres' ? read.forUpdate().skipLocked() : read).execute();
      return new Set(rows.map((r) => r.id));
    },

    /** How many of the rows `ids` are in each state (what mapping made of them, whoever mapped them). */
    async statesOf(ids: readonly number[]): Promise<Partial<Record<SourceInboxState, number>>> {
      const counts: Partial<Record<SourceInboxState, number>> = {};
      if (ids.length === 0) return counts;
      const rows = await ctx.db
        .selectFrom('source_inbox')
        .select(['state', (eb) => eb.fn.countAll().as('n')])
        .where('id', 'in', [...ids])
        .groupBy('state')
        .execute();
      for (const r of rows) counts[r.state] = Number(r.n);
      return counts;
    },

    /**
     * Marks a `new` row with what mapping made of it. False when it was no longer `new` (another
     * process mapped it first): the caller's transaction must then write nothing.
     */
    async settle(
      rowId: number,
      state: Exclude<SourceInboxState, 'new'>,
      detail: string | null,
      now: string,
    ): Promise<boolean> {
      const result = await ctx.db
        .updateTable('source_inbox')
        .set({ state, detail, mapped_at: now })
        .where('id', '=', rowId)
        .where('state', '=', 'new')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /**
     * Sets (or with null removes) the source's own mapping for `name`, replacing any entry that differs
     * only in case, spaces, `_` or `-`. False when there is no such source.
     */
    async setMapping(sourceId: string, name: string, target: MappingTarget | null): Promise<boolean> {
      return atomically(ctx, async (tx) => {
        const read = tx.db.selectFrom('sources').select('settings_json').where('id', '=', sourceId);
        // SQLite has no FOR UPDATE; its transactions already write one at a time.
        const row = await (tx.engine === 'postgres' ? read.forUpdate() : read).executeTakeFirst();
        if (!row) return false;
        const settings = settingsOf(row.settings_json);
        const wanted = normaliseName(name);
        const mapping = Object.fromEntries(
          Object.entries(settings.mapping).filter(([own]) => normaliseName(own) !== wanted),
        );
        if (target !== null) mapping[name] = target;
        await tx.db
          .updateTable('sources')
          .set({ settings_json: JSON.stringify({ ...settings, mapping }) })
          .where('id', '=', sourceId)
          .execute();
        return true;
      });
    },

    /** Ids of the source's rows kept as unmapped under `name` (as the mapping compares names), oldest first. */
    async unmappedIds(sourceId: string, name: string, afterId: number, limit: number): Promise<number[]> {
      const wanted = normaliseName(name);
      const names = await ctx.db
        .selectFrom('source_inbox')
        .select('name')
        .distinct()
        .where('source_id', '=', sourceId)
        .where('state', '=', 'unmapped')
        .execute();
      const matching = names.map((n) => n.name).filter((n) => normaliseName(n) === wanted);
      if (matching.length === 0) return [];
      const rows = await ctx.db
        .selectFrom('source_inbox')
        .select('id')
        .where('source_id', '=', sourceId)
        .where('state', '=', 'unmapped')
        .where('name', 'in', matching)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },

    /**
     * Puts unmapped rows back to `new` (to be mapped again, by the caller or the next drain) and takes
     * them off the unmapped counters of the days they were counted on; the ids actually reopened.
     */
    async reopenUnmapped(sourceId: string, ids: readonly number[]): Promise<number[]> {
      if (ids.length === 0) return [];
      return atomically(ctx, async (tx) => {
        const rows = await tx.db
          .updateTable('source_inbox')
          .set({ state: 'new', detail: null, mapped_at: null })
          .where('source_id', '=', sourceId)
          .where('state', '=', 'unmapped')
          .where('id', 'in', [...ids])
          .returning(['id', 'mapped_at', 'received_at'])
          .execute();
        const perDay = new Map<string, number>();
        for (const r of rows) {
          const day = (r.mapped_at ?? r.received_at).slice(0, 10);
          perDay.set(day, (perDay.get(day) ?? 0) + 1);
        }
        const store = createSourceStore(tx);
        for (const [day, n] of perDay) await store.count(sourceId, { unmapped: -n }, undefined, day);
        return rows.map((r) => r.id);
      });
    },
  };
}

export type SourceStore = ReturnType<typeof createSourceStore>;
