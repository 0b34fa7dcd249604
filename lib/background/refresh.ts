// Works out what the sidebars of a tab should show, from local data first, then the endpoint.
import { needsRevalidation } from './cache.ts';
import { loadConnection, loadSignedOut } from './connection.ts';
import { readLocal } from './contexts.ts';
import type { EarlyReads } from './early-reads.ts';
import { leadKey, readTabPage, type TabPage } from './pages.ts';
import { revalidate } from './revalidate.ts';
import { push, shownTabs } from './sidebar-registry.ts';
import { stateFromEntry } from './sidebar-state.ts';

/** `auto`: revalidate when the cached copy is old; `force`: always ask; `never`: repaint from local data only. */
export type Network = 'auto' | 'force' | 'never';

/** Bumped on every refresh of a tab, so a slow lookup for an old page never overwrites a newer state. */
const generation = new Map<number, number>();

/** What a caller that has just worked out the tab's page knows already, and the reads it started. */
export interface Known {
  tabPage: TabPage;
  reads: EarlyReads;
}

/** Works out what the sidebars of a tab should show, and shows it. */
export async function refresh(
  tabId: number | undefined,
  network: Network = 'auto',
  extra: { loadingMore?: boolean } = {},
  known?: Known,
): Promise<void> {
  const slot = tabId ?? -1;
  const ticket = (generation.get(slot) ?? 0) + 1;
  generation.set(slot, ticket);
  const current = () => generation.get(slot) === ticket;

  // The connection, the tab's page and the lead's cached copy are read together, not one after another.
  const tabPage = known?.tabPage ?? (tabId === undefined ? { page: null, selected: 0 } : readTabPage(tabId));
  const [connection, { page, selected }] = await Promise.all([known?.reads.connection ?? loadConnection(), tabPage]);
  const lead = page?.leads[selected];
  const reading = lead ? (known?.reads.local.get(leadKey(lead)) ?? readLocal(lead)) : undefined;
  if (!connection) return push(tabId, { status: (await loadSignedOut()) ? 'signed_out' : 'not_connected' });
  if (!page || !lead || !reading) return push(tabId, { status: 'no_lead' });
  const base = { leads: page.leads, selected };

  const local = await reading;
  const warning = local.storageError;
  const cached = local.entry;
  // Each refresh works from the page it was given, so one overtaken by a newer refresh of the tab
  // (the page changed again meanwhile) shows nothing: the newer one shows what is current.
  if (cached) {
    const stale = network === 'force' || needsRevalidation(cached, Date.now());
    const shown = network !== 'never' && stale ? 'refreshing' : 'fresh';
    const state = await stateFromEntry(base, cached, shown, { ...extra, ...(warning ? { warning } : {}) });
    if (current()) push(tabId, state);
    if (network === 'never' || !stale) return;
  } else {
    if (current()) push(tabId, { status: 'loading', ...base, ...(warning ? { warning } : {}) });
    if (network === 'never') return;
  }
  await revalidate(tabId, connection, lead, base, cached, warning, current);
}

/** Every open sidebar, from what is known locally (no endpoint calls). */
export async function repaintAll(): Promise<void> {
  await refreshAll('never');
}

export async function refreshAll(network: Network = 'auto'): Promise<void> {
  await Promise.all([...shownTabs()].map((tabId) => refresh(tabId, network)));
}
