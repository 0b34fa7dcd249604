import type { Trace } from './types.ts';

/** One way of finding something on a page, as seen on a given month (`YYYY-MM`). */
export interface Alternative {
  name: string;
  seen: string;
  selector: string;
}

/** An alternative as seen in `month`, named by its own selector unless a `name` says it more briefly. */
export function seen(month: string, selector: string, name = selector): Alternative {
  return { name, seen: month, selector };
}

/** Alternatives for the same thing, newest first. */
export type Probe = readonly Alternative[];

export interface Hit {
  alternative: string;
  elements: Element[];
}

/**
 * The first alternative that finds anything under `root`, or null when none does. Elements inside
 * `outside` (a selector, e.g. message bodies) do not count, so a miss there falls through to the next.
 */
export function firstHit(root: ParentNode, probe: Probe, outside?: string): Hit | null {
  for (const alternative of probe) {
    let elements = Array.from(root.querySelectorAll(alternative.selector));
    if (outside) elements = elements.filter((el) => !el.closest(outside));
    if (elements.length > 0) return { alternative: alternative.name, elements };
  }
  return null;
}

/**
 * Which alternative of `probe` the element itself matches first (its index), or -1. For reading many
 * elements found by one broad query, rather than querying once per alternative. `upTo` stops after
 * that index, when a worse alternative would be of no use to the caller.
 */
export function rankOf(el: Element, probe: Probe, upTo = probe.length - 1): number {
  const last = Math.min(upTo, probe.length - 1);
  for (let i = 0; i <= last; i++) if (el.matches((probe[i] as Alternative).selector)) return i;
  return -1;
}

/** Any element matching any alternative: for regions to stay out of, where every form counts. */
export function anyOf(probe: Probe): string {
  return probe.map((a) => a.selector).join(', ');
}

/**
 * Counts which alternatives answered a probe run many times (once per message, say), so the trace
 * gets one line per alternative used rather than one per run.
 */
export function tally(probe: string, trace: Trace | undefined) {
  const counts = new Map<string, number>();
  return {
    add(hit: Hit | null, used = hit?.elements.length ?? 0): void {
      if (hit) counts.set(hit.alternative, (counts.get(hit.alternative) ?? 0) + used);
    },
    report(): void {
      if (!trace) return;
      if (counts.size === 0) trace(probe, null, 0);
      for (const [alternative, count] of counts) trace(probe, alternative, count);
    },
  };
}
