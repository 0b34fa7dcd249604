import { sql } from 'kysely';
import {
  OVERVIEW_LIST_MAX,
  type UnusedPoint,
  WORST_LANDING_MIN_VERDICTS,
  type WorstLandingPoint,
} from '../../lib/contract/index.ts';
import { NO_COUNTS, type OverviewWindow, type WeekCounts, worstFirst } from '../domain/overview.ts';
import type { StoreContext } from './context.ts';

/**
 * The home page's reads, each one statement over every point at once: verdicts, notes and uses per
 * week, the worst-landing live points, and the live points nobody used lately.
 */
export function createOverviewStore(ctx: StoreContext) {
  return {
    /** Counts for last week and this week (`w` 0 and 1), by when the verdict or use happened. */
    async weeks(w: OverviewWindow): Promise<[WeekCounts, WeekCounts]> {
      // The week as a literal, so the select and the GROUP BY are the same expression on PostgreSQL.
      const week = sql<number>`CASE WHEN occurred_ms >= ${sql.lit(w.thisWeekStart)} THEN 1 ELSE 0 END`;
      const [verdicts, uses] = await Promise.all([
        ctx.db
          .selectFrom('feedback')
          .select((eb) => [
            week.as('w'),
            eb.fn.sum<number>(sql`CASE WHEN verdict = 'landed' THEN 1 ELSE 0 END`).as('landed'),
            eb.fn.countAll<number>().as('n'),
            eb.fn.count<number>('note').as('notes'),
          ])
          .where('withdrawn_at', 'is', null)
          .where('occurred_ms', '>=', w.lastWeekStart)
          .where('occurred_ms', '<', w.nextWeekStart)
          .groupBy(week)
          .execute(),
        ctx.db
          .selectFrom('usage')
          .select((eb) => [
            week.as('w'),
            eb.fn.countAll<number>().as('uses'),
            eb.fn.count<number>(sql`CASE WHEN target_kind = 'talkingPoint' THEN target_id END`).distinct().as('points'),
            eb.fn.count<number>('rep_key').distinct().as('reps'),
          ])
          .where('occurred_ms', '>=', w.lastWeekStart)
          .where('occurred_ms', '<', w.nextWeekStart)
          .groupBy(week)
          .execute(),
      ]);
      const out: [WeekCounts, WeekCounts] = [{ ...NO_COUNTS }, { ...NO_COUNTS }];
      for (const r of verdicts) {
        const counts = out[Number(r.w) === 1 ? 1 : 0];
        counts.landed = Number(r.landed ?? 0);
        counts.didntLand = Number(r.n) - counts.landed;
        counts.notes = Number(r.notes);
      }
      for (const r of uses) {
        const counts = out[Number(r.w) === 1 ? 1 : 0];
        counts.uses = Number(r.uses);
        counts.pointsUsed = Number(r.points);
        counts.repsUsing = Number(r.reps);
      }
      return out;
    },

    /** Live points with at least the minimum of verdicts since `sinceMs`, lowest landed rate first. */
    async worstLanding(sinceMs: number, limit: number): Promise<WorstLandingPoint[]> {
      const rows = await ctx.db
        .selectFrom('feedback as f')
        .innerJoin('talking_points as tp', 'tp.id', 'f.target_id')
        .select((eb) => [
          'tp.id',
          'tp.title',
          'tp.campaign_key',
          eb.fn.countAll<number>().as('n'),
          eb.fn.sum<number>(sql`CASE WHEN f.verdict = 'landed' THEN 1 ELSE 0 END`).as('landed'),
        ])
        .where('f.target_kind', '=', 'talkingPoint')
        .where('f.withdrawn_at', 'is', null)
        .where('f.occurred_ms', '>=', sinceMs)
        .where('tp.status', '=', 'live')
        .groupBy(['tp.id', 'tp.title', 'tp.campaign_key'])
        .having((eb) => eb(eb.fn.countAll(), '>=', WORST_LANDING_MIN_VERDICTS))
        .execute();
      const points = rows.map((r): WorstLandingPoint => {
        const verdicts = Number(r.n);
        const landed = Number(r.landed ?? 0);
        return {
          id: r.id,
          title: r.title,
          campaign: r.campaign_key,
          verdicts,
          landed,
          didntLand: verdicts - landed,
          landedRate: landed / verdicts,
        };
      });
      return points.sort(worstFirst).slice(0, limit);
    },

    /**
     * Live points no rep copied or inserted at or after `sinceMs`: how many, and the longest live
     * first. A point went live at its first publishing change after it was last taken off sidebars.
     */
    async unused(sinceMs: number): Promise<{ total: number; points: UnusedPoint[] }> {
      const lastOff = ctx.db
        .selectFrom('changes')
        .select((eb) => ['entity_id', eb.fn.max('cursor').as('cursor')])
        .where('kind', '=', 'talkingPoint')
        .where('op', '=', 'retire')
        .groupBy('entity_id')
        .as('off');
      const liveSince = ctx.db
        .selectFrom('changes as c')
        .leftJoin(lastOff, 'off.entity_id', 'c.entity_id')
        .select((eb) => ['c.entity_id', eb.fn.min('c.at').as('since')])
        .where('c.kind', '=', 'talkingPoint')
        .where('c.op', '=', 'upsert')
        .where((eb) => eb.or([eb('off.cursor', 'is', null), eb('c.cursor', '>', eb.ref('off.cursor'))]))
        .groupBy('c.entity_id')
        .as('ls');
      const rows = await ctx.db
        .selectFrom('talking_points as tp')
        .leftJoin(liveSince, 'ls.entity_id', 'tp.id')
        .select(['tp.id', 'tp.title', 'tp.campaign_key', 'ls.since'])
        .where('tp.status', '=', 'live')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('usage as u')
                .select('u.id')
                .where('u.target_kind', '=', 'talkingPoint')
                .whereRef('u.target_id', '=', 'tp.id')
                .where('u.occurred_ms', '>=', sinceMs),
            ),
          ),
        )
        .execute();
      const points = rows.map(
        (r): UnusedPoint => ({ id: r.id, title: r.title, campaign: r.campaign_key, liveSince: r.since ?? null }),
      );
      // Longest live first; a point with no record of going live last; then by title.
      points.sort(
        (a, b) =>
          (a.liveSince ?? '\uffff').localeCompare(b.liveSince ?? '\uffff') ||
          a.title.localeCompare(b.title) ||
          (a.id < b.id ? -1 : 1),
      );
      return { total: points.length, points: points.slice(0, OVERVIEW_LIST_MAX) };
    },
  };
}

export type OverviewStore = ReturnType<typeof createOverviewStore>;
