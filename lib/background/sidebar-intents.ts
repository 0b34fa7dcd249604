// What a sidebar asks of the background, checked against SidebarIntent and handed to the one place
// that does it.
import { browser } from 'wxt/browser';
import { type SidebarIntent, SidebarIntent as SidebarIntentSchema } from '../messages.ts';
import { relayInsert } from './insert-relay.ts';
import { readTabPage, writeTabPage } from './pages.ts';
import { refresh } from './refresh.ts';
import type { Sidebar } from './sidebar-registry.ts';
import { signInAgain } from './signed-out.ts';
import { loadMoreEvents } from './timeline-paging.ts';
import { recordUse } from './usage-intents.ts';
import { discardVerdict, recordVerdict, resendVerdict, undoVerdict } from './verdict-intents.ts';

/** A message from a sidebar's port: anything that is not a valid intent is ignored. */
export function hear(sidebar: Sidebar, message: unknown): void {
  const intent = SidebarIntentSchema.safeParse(message);
  if (!intent.success) return;
  void handleIntent(sidebar, intent.data).catch(() => undefined);
}

async function handleIntent(sidebar: Sidebar, intent: SidebarIntent): Promise<void> {
  const tabId = sidebar.tabId;
  switch (intent.type) {
    case 'open-options':
      await browser.runtime.openOptionsPage();
      return;
    case 'select-lead':
      await selectLead(tabId, intent.index);
      return;
    case 'retry':
      await refresh(tabId, 'force');
      return;
    case 'feedback':
      await recordVerdict(sidebar, intent);
      return;
    case 'undo-feedback':
      await undoVerdict(sidebar, intent.requestId, intent.id);
      return;
    case 'insert':
      await relayInsert(sidebar, intent.requestId, intent.text, intent.use);
      return;
    case 'use':
      await recordUse(sidebar, intent);
      return;
    case 'sign-in':
      await signInAgain();
      return;
    case 'load-more-events':
      await loadMoreEvents(tabId);
      return;
    case 'resend-failed':
      await resendVerdict(intent.id);
      return;
    case 'discard-failed':
      await discardVerdict(intent.id);
      return;
  }
}

async function selectLead(tabId: number | undefined, index: number): Promise<void> {
  if (tabId === undefined) return;
  const record = await readTabPage(tabId);
  if (!record.page || index >= record.page.leads.length) return;
  await writeTabPage(tabId, { ...record, selected: index });
  await refresh(tabId);
}
