import { DAY_MS } from '../../lib/iso-week.ts';

export { DAY_MS };

/** Weight of something `ageMs` old when weight halves every `halfLifeDays`. Future times count as now. */
export function decay(ageMs: number, halfLifeDays: number): number {
  return 0.5 ** (Math.max(0, ageMs) / (halfLifeDays * DAY_MS));
}

/** Whole days between `then` and `now`, as a person would say it: "today", "yesterday", "3 days ago". */
export function relativeDays(then: Date, now: Date): string {
  const days = Math.floor(Math.max(0, now.getTime() - then.getTime()) / DAY_MS);
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
