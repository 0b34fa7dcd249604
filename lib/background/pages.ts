// What each tab's page shows, kept in storage.session so a restarted service worker still knows.
// storage.session is closed to content scripts by default (TRUSTED_CONTEXTS).
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { PageLeads } from '../messages.ts';
import { readStored, writeStored } from './storage-copy.ts';

const TabPage = z.object({ page: PageLeads.nullable(), selected: z.number().int().min(0) });
export type TabPage = z.infer<typeof TabPage>;

const keyOf = (tabId: number) => `page:${tabId}`;

export async function readTabPage(tabId: number): Promise<TabPage> {
  const parsed = TabPage.safeParse(await readStored('session', keyOf(tabId)));
  return parsed.success ? parsed.data : { page: null, selected: 0 };
}

export async function writeTabPage(tabId: number, value: TabPage): Promise<void> {
  await writeStored('session', keyOf(tabId), value);
}

export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(keyOf(tabId));
}

/** A new page keeps the rep's choice of lead only when that lead is still on it. */
export function mergePage(previous: TabPage, page: PageLeads | null): TabPage {
  const chosen = previous.page?.leads[previous.selected];
  const chosenKey = chosen ? leadKey(chosen) : undefined;
  const index = page && chosenKey ? page.leads.findIndex((lead) => leadKey(lead) === chosenKey) : -1;
  return { page, selected: Math.max(index, 0) };
}

export function leadKey(lead: {
  email?: string | undefined;
  crmRef?: { system: string; objectType: string; id: string } | undefined;
}): string {
  if (lead.email) return `email:${lead.email}`;
  if (lead.crmRef) return `crm:${lead.crmRef.system}:${lead.crmRef.objectType}:${lead.crmRef.id}`;
  return 'none';
}
