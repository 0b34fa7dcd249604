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
    let elements = selectAll(root, alternative.selector);
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

const partsOf = new Map<string, readonly string[]>();

/** A selector list's selectors (`a, b[x="1,2"]` → `a`, `b[x="1,2"]`): split at commas outside quotes, brackets and parentheses. */
export function selectorParts(list: string): readonly string[] {
  let parts = partsOf.get(list);
  if (parts) return parts;
  const found: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      found.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  found.push(list.slice(start).trim());
  parts = found.filter(Boolean);
  partsOf.set(list, parts);
  return parts;
}

/**
 * Every element under `root` matching `selector`, in document order, as `querySelectorAll` gives
 * them, but a selector list is asked one selector at a time: Chromium matches every element against
 * every selector of a list (three class selectors over a 5,000-element thread: 1.4 ms), while each
 * alone takes its fast path (30 µs).
 */
export function selectAll(root: ParentNode, selector: string): Element[] {
  const parts = selectorParts(selector);
  if (parts.length === 1) return Array.from(root.querySelectorAll(selector));
  const lists: Element[][] = [];
  for (const part of parts) {
    const found = root.querySelectorAll(part);
    if (found.length > 0) lists.push(Array.from(found));
  }
  if (lists.length <= 1) return lists[0] ?? [];
  const all = [...new Set(lists.flat())];
  return all.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

/** Every single selector the probes use, once each: for a site's `Reads`. */
export function selectorsOf(probes: Iterable<Probe>, ...more: string[]): string[] {
  const all = new Set<string>();
  for (const probe of probes)
    for (const alternative of probe) for (const part of selectorParts(alternative.selector)) all.add(part);
  for (const selector of more) for (const part of selectorParts(selector)) all.add(part);
  return [...all];
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
