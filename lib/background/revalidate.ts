// Asks the endpoint for a lead's context and shows the answer, unless a newer refresh of the tab
// has started meanwhile.
import type { PageLead, SidebarWarning } from '../messages.ts';
import type { CachedContext } from '../store/db.ts';
import { EndpointError } from './api.ts';
import type { Connection } from './connection.ts';
import { fetchContext } from './contexts.ts';
import { push } from './sidebar-registry.ts';
import { type ShownLeads, stateFromEntry } from './sidebar-state.ts';

export async function revalidate(
  tabId: number | undefined,
  connection: Connection,
  lead: PageLead,
  base: ShownLeads,
  cached: CachedContext | undefined,
  warning: SidebarWarning | undefined,
  current: () => boolean,
): Promise<void> {
  const extra = warning ? { warning } : {};
  try {
    const { entry, stored } = await fetchContext(connection, lead);
    if (current()) push(tabId, await stateFromEntry(base, entry, 'fresh', extra));
    await stored;
  } catch (error) {
    if (!current()) return;
    const status = error instanceof EndpointError ? error.status : null;
    // What we had is still worth showing when the endpoint is away; a refused token is not.
    if (cached && status !== 401 && status !== 403) push(tabId, await stateFromEntry(base, cached, 'stale', extra));
    else
      push(tabId, {
        status: 'error',
        ...base,
        ...(error instanceof Error ? { message: error.message } : {}),
        ...extra,
      });
  }
}
