// Insert: the sidebar asks, the tab's content script writes into the draft open on the page, and
// the sidebar is told how that went; a point that went in is then recorded as used.
import { browser } from 'wxt/browser';
import type { FeedbackTarget } from '../contract/feedback.ts';
import { InsertReply } from '../messages.ts';
import { notify, type Sidebar } from './sidebar-registry.ts';
import { recordUse } from './usage-intents.ts';

export async function relayInsert(
  sidebar: Sidebar,
  requestId: string,
  text: string,
  use?: { id: string; target: FeedbackTarget },
): Promise<void> {
  const tabId = sidebar.tabId;
  let reply: InsertReply = { ok: false, reason: 'not-supported' };
  if (tabId !== undefined) {
    try {
      const parsed = InsertReply.safeParse(await browser.tabs.sendMessage(tabId, { type: 'insert-text', text }));
      if (parsed.success) reply = parsed.data;
    } catch {
      // No content script in that tab: a page Coalface does not read.
    }
  }
  notify(sidebar, { requestId, ok: reply.ok, code: reply.ok ? 'inserted' : (reply.reason ?? 'not-supported') });
  if (reply.ok && use) await recordUse(sidebar, { ...use, action: 'inserted' });
}
