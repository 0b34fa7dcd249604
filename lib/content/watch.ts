// Watches the host page for the leads it shows and reports each change once. Quiet pages cost
// nothing: work is scheduled only by a mutation or a navigation, never by a polling timer.
import { siteFor } from '../sites/registry.ts';
import type { PageLeads } from '../sites/types.ts';

const SETTLE_MS = 120;

export interface WatchOptions {
  report(page: PageLeads | null): void;
  signal: AbortSignal;
  /** Called with every detection so a caller can keep a structure-only diagnostic. */
  trace?: (probe: string, matched: string | null, count?: number) => void;
}

export function readPage(doc: Document, href: string, trace?: WatchOptions['trace']): PageLeads | null {
  try {
    const url = new URL(href);
    const match = siteFor(url);
    if (!match) return null;
    return match.site.detect(doc, url, trace);
  } catch {
    return null;
  }
}

export function watchPage({ report, signal, trace }: WatchOptions): void {
  let last: string | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;

  const check = () => {
    pending = undefined;
    const page = readPage(document, location.href, trace);
    const key = JSON.stringify(page);
    if (key === last) return;
    last = key;
    report(page);
  };
  const schedule = () => {
    if (pending === undefined && !signal.aborted) pending = setTimeout(check, SETTLE_MS);
  };

  const observer = new MutationObserver(schedule);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  addEventListener('hashchange', check, { signal });
  addEventListener('popstate', check, { signal });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (pending !== undefined) clearTimeout(pending);
  });
  check();
}
