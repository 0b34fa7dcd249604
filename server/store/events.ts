import type { EngagementEventInput, EventType, TimelineEvent } from '../../lib/contract/index.ts';
import type { Db } from '../db/open.ts';
import { encodeCursor } from './cursor.ts';

interface EventRow {
  id: string;
  type: EventType;
  occurred_at: string;
  content_id: string | null;
  content_title: string | null;
  content_url: string | null;
  content_topic: string | null;
  campaign_key: string | null;
}

export interface EventStats {
  total: number;
  countsByType: Partial<Record<EventType, number>>;
  lastTouchAt: string | null;
}

const COLUMNS = 'id, type, occurred_at, content_id, content_title, content_url, content_topic, campaign_key';

function toTimelineEvent(row: EventRow): TimelineEvent {
  return {
    id: row.id,
    type: row.type,
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

export function createEventStore(db: Db) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO events (id, lead_id, type, occurred_at, occurred_ms, content_id, content_title,
       content_url, content_topic, campaign_key, received_at)
     VALUES (@id, @lead_id, @type, @occurred_at, @occurred_ms, @content_id, @content_title,
       @content_url, @content_topic, @campaign_key, @received_at)`,
  );
  const newest = db.prepare<[number, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE lead_id = ? ORDER BY occurred_ms DESC, id DESC LIMIT ?`,
  );
  const since = db.prepare<[number, number, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE lead_id = ? AND occurred_ms >= ? ORDER BY occurred_ms DESC, id DESC LIMIT ?`,
  );
  const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events');
  const before = db.prepare<[number, number, number, string, number], EventRow & { occurred_ms: number }>(
    `SELECT ${COLUMNS}, occurred_ms FROM events
     WHERE lead_id = ? AND (occurred_ms < ? OR (occurred_ms = ? AND id < ?))
     ORDER BY occurred_ms DESC, id DESC LIMIT ?`,
  );

  const newestAll = db.prepare<[number], EventRow & { occurred_ms: number }>(
    `SELECT ${COLUMNS}, occurred_ms FROM events WHERE lead_id = ? ORDER BY occurred_ms DESC, id DESC`,
  );
  // Kept by the events_total trigger: a few rows per lead whatever the length of its history.
  const totalsByTypeAndCampaign = db.prepare<
    [number],
    { type: EventType; campaign_key: string; n: number; last_ms: number }
  >('SELECT type, campaign_key, n, last_ms FROM event_totals WHERE lead_id = ?');

  /** All-time `stats` and `lastTouchByCampaign` of a lead, from its running totals. */
  function totalsOf(leadId: number) {
    const countsByType: Partial<Record<EventType, number>> = {};
    const lastTouch = new Map<string, number>();
    let total = 0;
    let lastMs: number | null = null;
    for (const g of totalsByTypeAndCampaign.all(leadId)) {
      countsByType[g.type] = (countsByType[g.type] ?? 0) + g.n;
      total += g.n;
      if (lastMs === null || g.last_ms > lastMs) lastMs = g.last_ms;
      if (g.campaign_key !== '') {
        const seen = lastTouch.get(g.campaign_key);
        if (seen === undefined || g.last_ms > seen) lastTouch.set(g.campaign_key, g.last_ms);
      }
    }
    const stats: EventStats = {
      total,
      countsByType,
      lastTouchAt: lastMs === null ? null : new Date(lastMs).toISOString(),
    };
    return { stats, lastTouch };
  }

  return {
    /**
     * Everything a lookup reads about one lead's events: the first timeline page (as
     * `page(leadId, null, timelineLimit)`) and the events at or after `sinceMs` (as `since(leadId,
     * sinceMs, recentLimit)`) in one newest-first pass over its index that stops once both are full,
     * and the all-time `stats` and `lastTouchByCampaign` from the running totals. So its cost is
     * bounded by the two limits, however long the lead's history.
     */
    forLookup(leadId: number, sinceMs: number, timelineLimit: number, recentLimit: number) {
      const timeline: TimelineEvent[] = [];
      const recent: TimelineEvent[] = [];
      let nextBefore: string | null = null;
      let i = 0;
      for (const row of newestAll.iterate(leadId)) {
        if (i === timelineLimit) {
          const last = timeline.at(-1);
          if (last) nextBefore = encodeCursor([Date.parse(last.occurredAt), last.id]);
        }
        const inTimeline = i < timelineLimit;
        const inRecent = row.occurred_ms >= sinceMs && recent.length < recentLimit;
        if (!inTimeline && !inRecent) break;
        const event = toTimelineEvent(row);
        if (inTimeline) timeline.push(event);
        if (inRecent) recent.push(event);
        i++;
      }
      const { stats, lastTouch } = totalsOf(leadId);
      return { timeline, nextBefore, recent, stats, lastTouchByCampaign: lastTouch };
    },
    /** Returns false when an event with this id is already stored (the first copy wins). */
    insert(leadId: number, event: EngagementEventInput, now: string): boolean {
      const at = new Date(event.occurredAt);
      const info = insert.run({
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
      });
      return info.changes > 0;
    },
    /** Newest first; `hasMore` when the lead has more than `limit` events. */
    timeline(leadId: number, limit: number): { events: TimelineEvent[]; hasMore: boolean } {
      const rows = newest.all(leadId, limit + 1);
      return { events: rows.slice(0, limit).map(toTimelineEvent), hasMore: rows.length > limit };
    },
    /**
     * A page of the timeline, newest first, strictly after the keyset `[occurredMs, id]` (null: from
     * the newest). `nextBefore` is the cursor of the page's last event when more remain.
     */
    page(
      leadId: number,
      after: readonly [number, string] | null,
      limit: number,
    ): { events: TimelineEvent[]; nextBefore: string | null } {
      const rows = after
        ? before.all(leadId, after[0], after[0], after[1], limit + 1)
        : newest.all(leadId, limit + 1).map((r) => ({ ...r, occurred_ms: Date.parse(r.occurred_at) }));
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        events: page.map(toTimelineEvent),
        nextBefore: rows.length > limit && last ? encodeCursor([last.occurred_ms, last.id]) : null,
      };
    },
    since(leadId: number, sinceMs: number, limit: number): TimelineEvent[] {
      return since.all(leadId, sinceMs, limit).map(toTimelineEvent);
    },
    count(): number {
      return countAll.get()?.n ?? 0;
    },
  };
}

export type EventStore = ReturnType<typeof createEventStore>;
