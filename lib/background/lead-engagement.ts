// A lead on screen just got new engagement (the stream's `engagement` events: a form filled in, an
// email clicked, pushed by a connected tool or an integration). Only the open sidebars showing that
// lead are refreshed: its cached context is marked stale and asked for again. A burst of news (a
// batch, several tools at once) costs each of those sidebars one lookup.
import type { LeadEngagement } from '../contract/changes.ts';
import { markStale } from './cache.ts';
import { readLocal } from './contexts.ts';
import { leadKey, readTabPage } from './pages.ts';
import { refresh } from './refresh.ts';
import { shownTabs } from './sidebar-registry.ts';

/** How long news is gathered before the sidebars are refreshed. */
export const ENGAGEMENT_COALESCE_MS = 150;

const waiting = new Set<string>();
let timer: ReturnType<typeof setTimeout> | undefined;

export function onEngagement(engaged: readonly LeadEngagement[]): void {
  for (const { emailHash } of engaged) waiting.add(emailHash);
  if (timer !== undefined) return;
  timer = setTimeout(() => {
    timer = undefined;
    const hashes = new Set(waiting);
    waiting.clear();
    void refreshEngaged(hashes).catch(() => undefined);
  }, ENGAGEMENT_COALESCE_MS);
}

/**
 * Refreshes each open sidebar whose lead (as its cached context names it) has one of these hashes,
 * and returns their tabs. A lead the endpoint did not know when the sidebar asked has no hash here
 * and waits for its cached answer to age.
 */
export async function refreshEngaged(hashes: ReadonlySet<string>): Promise<number[]> {
  const tabs = [...shownTabs()].filter((tabId): tabId is number => tabId !== undefined);
  const refreshed = await Promise.all(
    tabs.map(async (tabId) => {
      const { page, selected } = await readTabPage(tabId);
      const lead = page?.leads[selected];
      if (!lead) return undefined;
      const hash = (await readLocal(lead)).entry?.context?.lead.emailHash;
      if (hash === undefined || !hashes.has(hash)) return undefined;
      await markStale(leadKey(lead));
      await refresh(tabId, 'force');
      return tabId;
    }),
  );
  return refreshed.filter((tabId) => tabId !== undefined);
}
