import type { Kysely, Selectable } from 'kysely';
import type { EngagementEventInput, EventType, TimelineEvent } from '../../lib/contract/index.ts';
import type { EventsTable, Tables } from '../db/tables.ts';
import type { StoreContext } from './context.ts';
import { encodeCursor } from './cursor.ts';

export interface EventStats {
  total: number;
  countsByType: Partial<Record<EventType, number>>;
  lastTouchAt: string | null;
}

const COLUMNS = [
  'id',
  'type',
  'occurred_at',
  'occurred_ms',
  'content_id',
  'content_title',
  'content_url',
  'content_topic',
  'campaign_key',
] as const;

type EventRow = Pick<Selectable<EventsTable>, (typeof COLUMNS)[number]>;

function toTimelineEvent(row: EventRow): TimelineEvent {
  return {
    id: row.id,
    // Only contract-checked types are ever written.
    type: row.type as EventType,
    occurredAt: row.occurred_at,
    content:
      row.content_id && row.content_title
        ? {
            id: row.content_id,
            title: row.content_title,
            ...(row.content_url ? { url: row.content_url } : {}),
            ...(row.content_topic ? { topic: row.content_topic } : {}),
          }
        : null,
    campaign: row.campaign_key,
  };
}

/** A lead's events newest first (`occurred_ms`, then `id`), optionally at or after `sinceMs`. */
function newest(db: Kysely<Tables>, leadId: number, limit: number, sinceMs?: number): Promise<EventRow[]> {
  let query = db.selectFrom('events').select(COLUMNS).where('lead_id', '=', leadId);
  if (sinceMs !== undefined) query = query.where('occurred_ms', '>=', sinceMs);
  return query.orderBy('occurred_ms', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export interface TotalsGroup {
  type: string;
  campaign_key: string;
  n: number | string;
  last_ms: number | string;
}

/**
 * A lead's all-time `stats` and `lastTouchByCampaign` from its running totals (kept by the
 * events_total trigger: a few rows per lead whatever the length of its history), given in (type,
 * campaign) order so both engines fill the counts and the map alike. `count` is the number of events
 * stored for the lead: events are only ever inserted and the trigger counts each insert, so an
 * unchanged count means an unchanged history.
 */
export function summariseTotals(groups: readonly TotalsGroup[]) {
  const countsByType: Partial<Record<EventType, number>> = {};
  const lastTouch = new Map<string, number>();
  let total = 0;
  let lastMs: number | null = null;
  for (const g of groups) {
    const type = g.type as EventType;
    const n = Number(g.n);
    const last = Number(g.last_ms);
    countsByType[type] = (countsByType[type] ?? 0) + n;
    total += n;
    if (lastMs === null || last > lastMs) lastMs = last;
    if (g.campaign_key !== '') {
      const seen = lastTouch.get(g.campaign_key);
      if (seen === undefined || last > seen) lastTouch.set(g.campaign_key, last);
    }
  }
  const stats: EventStats = {
    total,
    countsByType,
    lastTouchAt: lastMs === null ? null : new Date(lastMs).toISOString(),
  };
  return { stats, lastTouch, count: total };
}

/** An event as a lookup keeps it: the contract's shape, and its instant as a number for windows. */
export interface TimedEvent {
  ms: number;
  event: TimelineEvent;
}

/** Rows per multi-row insert: 11 parameters each stays far below both engines' parameter limits. */
const INSERT_CHUNK = 500;

function eventRow(leadId: number, event: EngagementEventInput, now: string) {
  const at = new Date(event.occurredAt);
  return {
    id: event.id,
    lead_id: leadId,
    type: event.type,
    occurred_at: at.toISOString(),
    occurred_ms: at.getTime(),
    content_id: event.content?.id ?? null,
    content_title: event.content?.title ?? null,
    content_url: event.content?.url ?? null,
    content_topic: event.content?.topic ?? null,
    campaign_key: event.campaign ?? null,
    received_at: now,
  };
}

export function createEventStore(ctx: StoreContext) {
  return {
    /** A lead's newest `limit` events, newest first (`occurred_ms`, then `id`). */
    async newest(leadId: number, limit: number): Promise<TimedEvent[]> {
      const rows = await newest(ctx.db, leadId, limit);
      return rows.map((r) => ({ ms: r.occurred_ms, event: toTimelineEvent(r) }));
    },
    /** Returns false when an event with this id is already stored (the first copy wins). */
    async insert(leadId: number, event: EngagementEventInput, now: string): Promise<boolean> {
      const result = await ctx.db
        .insertInto('events')
        .values(eventRow(leadId, event, now))
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    /**
     * Many events in a few multi-row statements; returns the ids stored now. An id already stored,
     * or repeated in `rows`, is stored once: its first copy wins, as with `insert` one at a time.
     */
    async insertMany(
      rows: readonly { leadId: number; event: EngagementEventInput }[],
      now: string,
    ): Promise<Set<string>> {
      const stored = new Set<string>();
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const values = rows.slice(i, i + INSERT_CHUNK).map((r) => eventRow(r.leadId, r.event, now));
        const inserted = await ctx.db
          .insertInto('events')
          .values(values)
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .execute();
        for (const row of inserted) stored.add(row.id);
      }
      return stored;
    },
    /** Newest first; `hasMore` when the lead has more than `limit` events. */
    async timeline(leadId: number, limit: number): Promise<{ events: TimelineEvent[]; hasMore: boolean }> {
      const rows = await newest(ctx.db, leadId, limit + 1);
      return { events: rows.slice(0, limit).map(toTimelineEvent), hasMore: rows.length > limit };
    },
    /**
     * A page of the timeline, newest first, strictly after the keyset `[occurredMs, id]` (null: from
     * the newest). `nextBefore` is the cursor of the page's last event when more remain.
     */
    async page(
      leadId: number,
      after: readonly [number, string] | null,
      limit: number,
    ): Promise<{ events: TimelineEvent[]; nextBefore: string | null }> {
      let query = ctx.db.selectFrom('events').select(COLUMNS).where('lead_id', '=', leadId);
      if (after) {
        const [ms, id] = after;
        query = query.where((eb) =>
          eb.or([eb('occurred_ms', '<', ms), eb.and([eb('occurred_ms', '=', ms), eb('id', '<', id)])]),
        );
      }
      const rows = await query
        .orderBy('occurred_ms', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        events: page.map(toTimelineEvent),
        nextBefore: rows.length > limit && last ? encodeCursor([last.occurred_ms, last.id]) : null,
      };
    },
    async since(leadId: number, sinceMs: number, limit: number): Promise<TimelineEvent[]> {
      return (await newest(ctx.db, leadId, limit, sinceMs)).map(toTimelineEvent);
    },
    async count(): Promise<number> {
      const row = await ctx.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

export type EventStore = ReturnType<typeof createEventStore>;
