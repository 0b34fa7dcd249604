// A sidebar's port from connect to disconnect: held until admitted, then registered and shown its
// tab's state. The side panel, in no tab, follows the tab the rep is looking at.
import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import type { SidebarState } from '../messages.ts';
import { refresh } from './refresh.ts';
import { hear } from './sidebar-intents.ts';
import { addSidebar, openSidebars, removeSidebar, type Sidebar } from './sidebar-registry.ts';

/** Messages a sidebar may send before its admission is decided; more are dropped. */
const MAX_HELD = 50;

/**
 * Serves a sidebar port once `admission` says it may see lead data. Until then its intents are
 * held; a refused port is told `refused`, gets nothing else and is let go.
 */
export function attachSidebar(port: Browser.runtime.Port, admission: Promise<boolean>): void {
  let sidebar: Sidebar | undefined;
  let gone = false;
  const held: unknown[] = [];
  port.onDisconnect.addListener(() => {
    gone = true;
    if (sidebar) removeSidebar(sidebar);
  });
  port.onMessage.addListener((message: unknown) => {
    if (sidebar) hear(sidebar, message);
    else if (held.length < MAX_HELD) held.push(message);
  });
  void admission
    .catch(() => false)
    .then(async (admitted) => {
      if (gone) return;
      if (!admitted) {
        port.postMessage({ status: 'refused' } satisfies SidebarState);
        port.disconnect();
        return;
      }
      const admittedSidebar: Sidebar = { port, dockTab: port.sender?.tab?.id, tabId: port.sender?.tab?.id };
      sidebar = admittedSidebar;
      addSidebar(admittedSidebar);
      for (const message of held.splice(0)) hear(admittedSidebar, message);
      admittedSidebar.tabId ??= await activeTabId();
      await refresh(admittedSidebar.tabId);
    })
    .catch(() => undefined);
}

/** The side panel follows the tab the rep is looking at. */
export async function followActiveTab(): Promise<void> {
  const tabId = await activeTabId();
  for (const sidebar of openSidebars()) {
    if (sidebar.dockTab === undefined && sidebar.tabId !== tabId) {
      sidebar.tabId = tabId;
      await refresh(tabId);
    }
  }
}

async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id;
}
