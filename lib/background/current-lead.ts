// The lead a tab's sidebar is about, and what this browser holds on it.
import type { LeadContext } from '../contract/lookup.ts';
import type { PageLead } from '../messages.ts';
import { readLocal } from './contexts.ts';
import { readTabPage } from './pages.ts';

export async function currentLead(tabId: number | undefined): Promise<PageLead | undefined> {
  if (tabId === undefined) return undefined;
  const { page, selected } = await readTabPage(tabId);
  return page?.leads[selected];
}

export async function currentContext(tabId: number | undefined): Promise<LeadContext | undefined> {
  const lead = await currentLead(tabId);
  return lead && contextOf(lead);
}

/** The context this browser holds on `lead`, if it holds one and the lead was found. */
export async function contextOf(lead: PageLead): Promise<LeadContext | undefined> {
  return (await readLocal(lead)).entry?.context ?? undefined;
}
