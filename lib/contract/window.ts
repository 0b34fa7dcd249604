import type { z } from 'zod';

/**
 * A window is in order when its start is not after its end, compared as instants: as text,
 * `2026-12-01T10:00:00+05:00` sorts after `2026-12-01T06:00:00Z` though it is an hour earlier.
 * An open end (either side missing) is always in order.
 */
export function windowInOrder(start: string | null | undefined, end: string | null | undefined): boolean {
  if (!start || !end) return true;
  // Written as "not after" so that a malformed instant (NaN) is left to its own format check.
  return !(Date.parse(start) > Date.parse(end));
}

/** The same rule as a check on an object schema, reported on the end field ("must not be before startsAt"). */
export function windowCheck<S extends string, E extends string>(start: S, end: E) {
  return (value: Partial<Record<S | E, string | null>>, ctx: z.RefinementCtx) => {
    if (!windowInOrder(value[start], value[end])) {
      ctx.addIssue({ code: 'custom', path: [end], message: `must not be before ${start}`, input: value[end] });
    }
  };
}
