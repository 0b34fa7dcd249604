// The open sidebars and the tab each one shows. A sidebar is the dock iframe inside a tab (its port
// carries that tab) or the browser's side panel (it follows the active tab of its window).
import type { Browser } from 'wxt/browser';
import type { SidebarNotice, SidebarState } from '../messages.ts';

export interface Sidebar {
  port: Browser.runtime.Port;
  /** The tab the dock sits in; undefined for the side panel, which follows the active tab. */
  dockTab: number | undefined;
  tabId: number | undefined;
}

const sidebars = new Set<Sidebar>();

const hooks = {
  /** A verdict was queued, withdrawn or released: the outbox should run. */
  outboxChanged: () => {},
  /** The number of open sidebars changed: the live stream opens or closes with them. */
  sidebarsChanged: (_open: number) => {},
};

export function setSidebarHooks(next: Partial<typeof hooks>): void {
  Object.assign(hooks, next);
}

export function outboxChanged(): void {
  hooks.outboxChanged();
}

export function openSidebarCount(): number {
  return sidebars.size;
}

export function addSidebar(sidebar: Sidebar): void {
  sidebars.add(sidebar);
  hooks.sidebarsChanged(sidebars.size);
}

export function removeSidebar(sidebar: Sidebar): void {
  sidebars.delete(sidebar);
  hooks.sidebarsChanged(sidebars.size);
}

export function openSidebars(): ReadonlySet<Sidebar> {
  return sidebars;
}

/** The tabs the open sidebars show, each once. */
export function shownTabs(): Set<number | undefined> {
  return new Set([...sidebars].map((sidebar) => sidebar.tabId));
}

/** Shows a state in every sidebar on the tab. */
export function push(tabId: number | undefined, state: SidebarState): void {
  for (const sidebar of sidebars) {
    if (sidebar.tabId === tabId) sidebar.port.postMessage(state);
  }
}

/** Answers one intent of one sidebar. */
export function notify(sidebar: Sidebar, notice: Omit<SidebarNotice, 'type'>): void {
  sidebar.port.postMessage({ type: 'notice', ...notice } satisfies SidebarNotice);
}
