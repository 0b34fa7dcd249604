import type { Campaign, Segments, TalkingPoint } from '../../lib/contract/index.ts';
import type { FeedbackTallies, SegmentDimension } from '../domain/feedback.ts';
import type { Store } from '../store/index.ts';

/**
 * What every lookup needs and no lookup changes, kept parsed in memory (one copy per process):
 *
 * - **Catalog** (every campaign, the live talking points): reloaded when the change feed's newest
 *   cursor moves. Every talking point and campaign write appends a change in its own transaction,
 *   whoever makes it (this process, another worker, the CLI), so `SELECT max(cursor)` (one read of
 *   the rowid b-tree's last page) per lookup is an exact freshness check.
 * - **Feedback tallies** of talking points: reloaded after a verdict is written or withdrawn here
 *   (the store's write counter) or in another process. Another connection's commit moves
 *   `PRAGMA data_version`; then `max(rowid)` of `feedback` (inserts only grow it; verdicts are never
 *   deleted) and the sum of all tallies (only a withdrawal lowers it, only an insert raises it) say
 *   whether any of those commits touched feedback.
 *
 * Cached objects are frozen and shared by every response: nothing downstream may mutate them.
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
  const { db } = store;
  const latestCursor = db.prepare<[], number | null>('SELECT max(cursor) FROM changes').pluck();
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  const feedbackMark = db.prepare<[], { last: number | null; total: number | null }>(
    'SELECT (SELECT max(rowid) FROM feedback) AS last, (SELECT total(landed + didnt_land) FROM feedback_tallies) AS total',
  );
  const allPointTallies = db.prepare<[], TallyRow>(
    `SELECT target_id, dimension, value, landed, didnt_land FROM feedback_tallies
     WHERE target_kind = 'talkingPoint' AND (landed > 0 OR didnt_land > 0)`,
  );

  let catalog: { cursor: number; value: Catalog } | null = null;

  function getCatalog(): Catalog {
    const cursor = latestCursor.get() ?? 0;
    if (catalog && catalog.cursor === cursor) return catalog.value;
    const campaigns = deepFreeze(store.campaigns.list());
    const value: Catalog = {
      campaigns,
      campaignsByKey: new Map(campaigns.map((c) => [c.key, c])),
      livePoints: deepFreeze(store.talkingPoints.listLive()),
    };
    catalog = { cursor, value };
    return value;
  }

  let tallies: {
    writes: number;
    dataVersion: number;
    mark: string;
    byPoint: Map<string, PointTallies>;
    bySegments: Map<string, ReadonlyMap<string, FeedbackTallies>>;
  } | null = null;

  function markOf(): string {
    const m = feedbackMark.get();
    return `${m?.last ?? 0}:${m?.total ?? 0}`;
  }

  function loadTallies() {
    const byPoint = new Map<string, PointTallies>();
    for (const r of allPointTallies.all()) {
      let t = byPoint.get(r.target_id);
      if (!t) {
        t = { all: null, segments: [] };
        byPoint.set(r.target_id, t);
      }
      const counts = { landed: r.landed, didntLand: r.didnt_land };
      if (r.dimension === 'all') t.all = counts;
      else if (DIMENSIONS.includes(r.dimension)) t.segments.push({ dimension: r.dimension, value: r.value, ...counts });
    }
    return byPoint;
  }

  /**
   * Talking-point tallies, overall and for these segment values only: the same map
   * `store.feedback.pointTallies(segments)` returns (segment rows in the order the dimension list
   * gives them does not matter to ranking, which looks each dimension up by name).
   */
  function pointTallies(segments: Segments): ReadonlyMap<string, FeedbackTallies> {
    const writes = store.feedback.writes();
    const version = dataVersion.get() ?? 0;
    if (!tallies || tallies.writes !== writes || tallies.dataVersion !== version) {
      const mark = markOf();
      if (!tallies || tallies.writes !== writes || tallies.mark !== mark) {
        tallies = { writes, dataVersion: version, mark, byPoint: loadTallies(), bySegments: new Map() };
      } else tallies.dataVersion = version;
    }
    const key = `${segments.industry ?? ''}\u0000${segments.persona ?? ''}\u0000${segments.region ?? ''}`;
    const hit = tallies.bySegments.get(key);
    if (hit) return hit;
    const out = new Map<string, FeedbackTallies>();
    for (const [id, t] of tallies.byPoint) {
      const mine = t.segments.filter((s) => (segments[s.dimension] ?? '') === s.value);
      if (!t.all && mine.length === 0) continue;
      out.set(id, deepFreeze({ all: t.all ?? { landed: 0, didntLand: 0 }, segments: mine }));
    }
    if (tallies.bySegments.size >= MAX_SEGMENT_KEYS) tallies.bySegments.clear();
    tallies.bySegments.set(key, out);
    return out;
  }

  return { catalog: getCatalog, pointTallies };
}

export type LookupCache = ReturnType<typeof createLookupCache>;
