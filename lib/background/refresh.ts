// Works out what the sidebars of a tab should show, from local data first, then the endpoint.
import { needsRevalidation } from './cache.ts';
import { loadConnection } from './connection.ts';
import { readLocal } from './contexts.ts';
import { readTabPage } from './pages.ts';
import { revalidate } from './revalidate.ts';
import { push, shownTabs } from './sidebar-registry.ts';
import { stateFromEntry } from './sidebar-state.ts';

/** `auto`: revalidate when the cached copy is old; `force`: always ask; `never`: repaint from local data only. */
export type Network = 'auto' | 'force' | 'never';

/** Bumped on every refresh of a tab, so a slow lookup for an old page never overwrites a newer state. */
const generation = new Map<number, number>();

/** Works out what the sidebars of a tab should show, and shows it. */
export async function refresh(
  tabId: number | undefined,
  network: Network = 'auto',
  extra: { loadingMore?: boolean } = {},
): Promise<void> {
  const slot = tabId ?? -1;
  const ticket = (generation.get(slot) ?? 0) + 1;
  generation.set(slot, ticket);
  const current = () => generation.get(slot) === ticket;

  const connection = await loadConnection();
  if (!connection) return push(tabId, { status: 'not_connected' });
  const { page, selected } = tabId === undefined ? { page: null, selected: 0 } : await readTabPage(tabId);
  const lead = page?.leads[selected];
  if (!page || !lead) return push(tabId, { status: 'no_lead' });
  const base = { leads: page.leads, selected };

  const local = await readLocal(lead);
  const warning = local.storageError;
  const cached = local.entry;
  if (cached) {
    const stale = network === 'force' || needsRevalidation(cached, Date.now());
    const shown = network !== 'never' && stale ? 'refreshing' : 'fresh';
    push(tabId, await stateFromEntry(base, cached, shown, { ...extra, ...(warning ? { warning } : {}) }));
    if (network === 'never' || !stale) return;
  } else {
    push(tabId, { status: 'loading', ...base, ...(warning ? { warning } : {}) });
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
