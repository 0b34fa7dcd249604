// Watches the host page for the leads it shows and reports each change once. Quiet pages cost
// nothing: work is scheduled only by a mutation or a navigation, never by a polling timer.
import type { TraceEntry } from '../messages.ts';
import { createMemo, type Memo } from '../sites/memo.ts';
import { siteFor } from '../sites/registry.ts';
import type { PageLeads, Reads, Trace } from '../sites/types.ts';
import { changesNothing } from './changes-nothing.ts';

// Long enough for a host app's thread swap (several mutation batches) to land in one detection. A
// hash navigation (Gmail opening a thread) is checked at once, without this wait; a swap seen only
// as mutations (pushState) waits it out, more than the 50 ms budget from cache allows by itself.
const SETTLE_MS = 50;
const MAX_TRACE = 100;

export interface WatchOptions {
  /** Called when what the page shows changed, with the structure-only trace of that detection. */
  report(page: PageLeads | null, trace: TraceEntry[]): void;
  /** Called on every check, changed or not: for cheap upkeep after the host's own mutations. */
  checked?(): void;
  signal: AbortSignal;
  /** Where to look; the page itself unless a test or bench says otherwise. */
  doc?: Document;
}

export function readPage(doc: Document, href: string, trace?: Trace, memo?: Memo): PageLeads | null {
  try {
    const url = new URL(href);
    const match = siteFor(url);
    if (!match) return null;
    return match.site.detect(doc, url, trace, memo);
  } catch {
    return null;
  }
}

/** Detects once, collecting which selector alternatives answered. */
export function readWithTrace(
  doc: Document,
  href: string,
  memo?: Memo,
): { page: PageLeads | null; trace: TraceEntry[] } {
  const trace: TraceEntry[] = [];
  const collect: Trace = (probe, matched, count) => {
    if (trace.length < MAX_TRACE) trace.push(count === undefined ? { probe, matched } : { probe, matched, count });
  };
  const page = readPage(doc, href, collect, memo);
  return { page, trace };
}

/** What a check did: nothing to look at since the last, looked and found the same, or reported a change. */
export type CheckResult = 'skipped' | 'same' | 'reported';

function readsAt(href: string): Reads | null {
  try {
    return siteFor(new URL(href))?.site.reads ?? null;
  } catch {
    return null;
  }
}

export function watchPage({ report, checked, signal, doc = document }: WatchOptions): { check(): CheckResult } {
  let last: string | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;
  const view = doc.defaultView ?? window;
  // Whether anything that could change the answer happened since the last detection, and where.
  let dirty = true;
  let readHref = '';
  let reads: { href: string; reads: Reads | null } = { href: '', reads: null };

  // What detection read of each part of the page, kept until a mutation under that part.
  const memo = createMemo();

  const absorb = (records: readonly MutationRecord[]) => {
    if (records.length === 0) return;
    const href = view.location.href;
    // Another page: the next check reads it afresh (and forgets what it kept).
    if (href !== readHref) {
      dirty = true;
      return;
    }
    if (reads.href !== href) reads = { href, reads: readsAt(href) };
    for (const record of records) {
      // Once a detection is due anyway, every change counts for what it may keep: no need to sort them.
      if (!dirty && reads.reads && changesNothing(record, reads.reads)) continue;
      dirty = true;
      memo.changed(record.target);
    }
  };

  const check = (): CheckResult => {
    pending = undefined;
    try {
      checked?.();
      absorb(observer.takeRecords());
      const href = view.location.href;
      if (!dirty && href === readHref) return 'skipped';
      dirty = false;
      if (href !== readHref) memo.forget();
      readHref = href;
      const { page, trace } = readWithTrace(doc, href, memo.begin());
      const key = JSON.stringify(page);
      if (key === last) return 'same';
      last = key;
      report(page, trace);
      return 'reported';
    } catch {
      // Never into the host page.
      return 'same';
    }
  };
  const schedule = () => {
    if (pending === undefined && !signal.aborted) pending = setTimeout(check, SETTLE_MS);
  };

  const observer = new MutationObserver((records) => {
    try {
      absorb(records);
    } catch {
      dirty = true;
      memo.forget();
    }
    if (dirty) schedule();
  });
  const start = () => {
    if (signal.aborted) return;
    observer.observe(doc.documentElement, { childList: true, subtree: true });
    // SPA navigation: Gmail and Outlook change the hash or path; pushState itself fires no event, but
    // the apps swap the DOM with it, which the observer sees.
    view.addEventListener('hashchange', check, { signal });
    view.addEventListener('popstate', check, { signal });
    check();
  };
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (pending !== undefined) clearTimeout(pending);
  });
  // Nothing of ours runs before the host page's load event ends, so the page loads as fast as without
  // us: the first detection is a task after it, not a listener inside it (which the load would wait on).
  if (doc.readyState === 'complete') start();
  else view.addEventListener('load', () => view.setTimeout(start, 0), { once: true, signal });
  return { check };
}
