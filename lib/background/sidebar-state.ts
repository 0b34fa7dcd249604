// The state a sidebar shows for a lead whose context this browser holds (found or not).
import type { LeadContext } from '../contract/lookup.ts';
import type { PageLead, SidebarState, SidebarWarning } from '../messages.ts';
import type { CachedContext } from '../store/db.ts';
import { failedVerdicts, verdictsForLead } from './outbox.ts';

/** The page's leads and which one the sidebar is about. */
export interface ShownLeads {
  leads: PageLead[];
  selected: number;
}

export type Freshness = 'fresh' | 'refreshing' | 'stale';

export interface StateExtras {
  warning?: SidebarWarning;
  loadingMore?: boolean;
}

/** This lead's verdicts and the failed ones of every lead; none when the outbox cannot be read. */
async function verdictExtras(context: LeadContext | null) {
  try {
    const [failed, feedback] = await Promise.all([
      failedVerdicts(),
      context ? verdictsForLead(context.lead.emailHash) : [],
    ]);
    return { feedback, failed };
  } catch {
    return {};
  }
}

export async function stateFromEntry(
  base: ShownLeads,
  entry: CachedContext,
  freshness: Freshness,
  extra: StateExtras,
): Promise<SidebarState> {
  const extras = { ...(await verdictExtras(entry.context)), ...(extra.warning ? { warning: extra.warning } : {}) };
  if (!entry.context) return { status: 'not_found', ...base, ...extras };
  return {
    status: 'ready',
    ...base,
    ...extras,
    context: entry.context,
    fetchedAt: entry.fetchedAt,
    freshness,
    ...(extra.loadingMore ? { loadingMore: true } : {}),
  };
}
