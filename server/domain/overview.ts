import { UNUSED_DAYS, type WeekFigures, type WorstLandingPoint } from '../../lib/contract/index.ts';
import { isoWeek, isoWeekStart } from '../../lib/iso-week.ts';
import { DAY_MS } from './time.ts';

const WEEK_MS = 7 * DAY_MS;
/** The worst-landing points are judged on the verdicts of the last four weeks. */
const WORST_LANDING_DAYS = 28;

/** The instants the overview at `now` counts from, in epoch ms (weeks in UTC). */
export interface OverviewWindow {
  lastWeekStart: number;
  thisWeekStart: number;
  nextWeekStart: number;
  worstSince: number;
  unusedSince: number;
}

export function overviewWindow(now: number): OverviewWindow {
  const thisWeekStart = isoWeekStart(now);
  return {
    lastWeekStart: thisWeekStart - WEEK_MS,
    thisWeekStart,
    nextWeekStart: thisWeekStart + WEEK_MS,
    worstSince: now - WORST_LANDING_DAYS * DAY_MS,
    unusedSince: now - UNUSED_DAYS * DAY_MS,
  };
}

/** One week's counts as the store reads them. */
export interface WeekCounts {
  landed: number;
  didntLand: number;
  notes: number;
  uses: number;
  pointsUsed: number;
  repsUsing: number;
}

export const NO_COUNTS: WeekCounts = { landed: 0, didntLand: 0, notes: 0, uses: 0, pointsUsed: 0, repsUsing: 0 };

export function weekFigures(start: number, counts: WeekCounts): WeekFigures {
  const verdicts = counts.landed + counts.didntLand;
  return {
    week: isoWeek(start),
    from: new Date(start).toISOString(),
    to: new Date(start + WEEK_MS).toISOString(),
    verdicts,
    landed: counts.landed,
    didntLand: counts.didntLand,
    landedRate: verdicts === 0 ? null : counts.landed / verdicts,
    uses: counts.uses,
    pointsUsed: counts.pointsUsed,
    repsUsing: counts.repsUsing,
    newNotes: counts.notes,
  };
}

/** Lowest landed rate first; among equal rates the one with more verdicts (surer), then by title and id. */
export function worstFirst(a: WorstLandingPoint, b: WorstLandingPoint): number {
  return (
    a.landedRate - b.landedRate ||
    b.verdicts - a.verdicts ||
    a.title.localeCompare(b.title) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
