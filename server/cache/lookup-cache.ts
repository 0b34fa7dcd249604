import type { Campaign, Funnel, Segments, TalkingPoint } from '../../lib/contract/index.ts';
import type { FeedbackTallies, SegmentDimension } from '../domain/feedback.ts';
import type { Store } from '../store/index.ts';
import type { LeadReading } from '../store/lookup-reads.ts';
import { createLeadEventsCache } from './lead-events.ts';

/**
 * What every lookup needs and no lookup changes, kept parsed in memory (one copy per process):
 *
 * - **Catalog** (every campaign, the live talking points): reloaded when the change feed's newest
 *   cursor moves. Every talking point and campaign write appends a change in its own transaction,
 *   whoever makes it (this process, another instance or worker, the CLI), so the newest cursor is an
 *   exact freshness check.
 * - **Feedback tallies** of talking points: reloaded when the `feedback` mark moves; triggers move it
 *   on every verdict written or withdrawn, again whoever writes it.
 * - **Funnel** definition: reloaded when its newest version or its number of signatures moves.
 *
 * The marks come with each lead's reading (`store/lookup-reads.ts`), so every instance answers from
 * what is committed. Cached objects are frozen and shared by every response: nothing downstream may mutate them.
 * Time-dependent choices (a campaign running, a point inside its window) are still made per request.
 */
export interface Catalog {
  campaigns: readonly Campaign[];
  campaignsByKey: ReadonlyMap<string, Campaign>;
  livePoints: readonly TalkingPoint[];
}

interface TallyRow {
  target_id: string;
  dimension: 'all' | SegmentDimension;
  value: string;
  landed: number;
  didnt_land: number;
}

interface PointTallies {
  all: { landed: number; didntLand: number } | null;
  segments: { dimension: SegmentDimension; value: string; landed: number; didntLand: number }[];
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const DIMENSIONS: readonly SegmentDimension[] = ['industry', 'persona', 'region'];
/** Per-segment-combination answers kept between tally reloads; a few hundred combinations in practice. */
const MAX_SEGMENT_KEYS = 4096;

export function createLookupCache(store: Store) {
  const db = store.database.kysely;
  const leadEvents = createLeadEventsCache(store);

  let catalog: { cursor: number; value: Catalog } | null = null;

  async function loadCatalog(cursor: number): Promise<Catalog> {
    if (catalog && catalog.cursor === cursor) return catalog.value;
    const campaigns = deepFreeze(await store.campaigns.list());
    const value: Catalog = {
      campaigns,
      campaignsByKey: new Map(campaigns.map((c) => [c.key, c])),
      livePoints: deepFreeze(await store.talkingPoints.listLive()),
    };
    catalog = { cursor, value };
    return value;
  }

  let funnel: { mark: string; value: Funnel } | null = null;

  async function loadFunnel(mark: string): Promise<Funnel> {
    if (funnel && funnel.mark === mark) return funnel.value;
    const value = deepFreeze(await store.funnel.current());
    // The first read of an empty store writes the default definition: the mark moved under us.
    funnel = { mark: mark === '0/0' ? '' : mark, value };
    return value;
  }

  let tallies: {
    mark: number;
    byPoint: Map<string, PointTallies>;
    bySegments: Map<string, ReadonlyMap<string, FeedbackTallies>>;
  } | null = null;

  async function loadTallies(mark: number) {
    if (tallies && tallies.mark === mark) return tallies;
    const rows: TallyRow[] = await db
      .selectFrom('feedback_tallies')
      .select(['target_id', 'dimension', 'value', 'landed', 'didnt_land'])
      .where('target_kind', '=', 'talkingPoint')
      .where((eb) => eb.or([eb('landed', '>', 0), eb('didnt_land', '>', 0)]))
      .execute();
    const byPoint = new Map<string, PointTallies>();
    for (const r of rows) {
      let t = byPoint.get(r.target_id);
      if (!t) {
        t = { all: null, segments: [] };
        byPoint.set(r.target_id, t);
      }
      const counts = { landed: r.landed, didntLand: r.didnt_land };
      if (r.dimension === 'all') t.all = counts;
      else if (DIMENSIONS.includes(r.dimension)) t.segments.push({ dimension: r.dimension, value: r.value, ...counts });
    }
    tallies = { mark, byPoint, bySegments: new Map() };
    return tallies;
  }

  /**
   * Talking-point tallies, overall and for these segment values only: the same map
   * `store.feedback.pointTallies(segments)` returns (segment rows in the order the dimension list
   * gives them does not matter to ranking, which looks each dimension up by name).
   */
  function pointTallies(
    current: NonNullable<typeof tallies>,
    segments: Segments,
  ): ReadonlyMap<string, FeedbackTallies> {
    const key = `${segments.industry ?? ''}\u0000${segments.persona ?? ''}\u0000${segments.region ?? ''}`;
    const hit = current.bySegments.get(key);
    if (hit) return hit;
    const out = new Map<string, FeedbackTallies>();
    for (const [id, t] of current.byPoint) {
      const mine = t.segments.filter((s) => (segments[s.dimension] ?? '') === s.value);
      if (!t.all && mine.length === 0) continue;
      out.set(id, deepFreeze({ all: t.all ?? { landed: 0, didntLand: 0 }, segments: mine }));
    }
    if (current.bySegments.size >= MAX_SEGMENT_KEYS) current.bySegments.clear();
    current.bySegments.set(key, out);
    return out;
  }

  return {
    /**
     * What one lookup reads from the cache, fresh as of this call: the catalog, and the tallies for
     * any lead's segments.
     */
    async snapshot(marks: LeadReading['marks']): Promise<LookupSnapshot> {
      const [value, current, funnel] = await Promise.all([
        loadCatalog(marks.cursor),
        loadTallies(marks.feedback),
        loadFunnel(marks.funnel),
      ]);
      return { catalog: value, funnel, pointTallies: (segments) => pointTallies(current, segments) };
    },
    /** The lead's newest events (see `lead-events.ts`), read only when its history has changed. */
    events: leadEvents.newest,
  };
}

export interface LookupSnapshot {
  catalog: Catalog;
  funnel: Funnel;
  pointTallies(segments: Segments): ReadonlyMap<string, FeedbackTallies>;
}

export type LookupCache = ReturnType<typeof createLookupCache>;
