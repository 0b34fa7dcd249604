// The browser's own side panel: Chrome's `sidePanel`, Firefox's `sidebar_action`. Neither is in
// webextension-polyfill; reach them on the globals where they exist.
interface SidePanelApi {
  setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
  open(options: { tabId: number }): Promise<void>;
}
interface SidebarActionApi {
  open(): Promise<void>;
}

const chromeSidePanel = () => (globalThis as { chrome?: { sidePanel?: SidePanelApi } }).chrome?.sidePanel;
const firefoxSidebar = () => (globalThis as { browser?: { sidebarAction?: SidebarActionApi } }).browser?.sidebarAction;

export function openSidePanelOnActionClick(): void {
  chromeSidePanel()
    ?.setPanelBehavior({ openPanelOnActionClick: true })
    .catch(() => undefined);
}

/** Whether this browser has a side panel the dock may offer (none in Firefox for Android, nor in some Chromium browsers). */
export function hasSidePanel(): boolean {
  return typeof chromeSidePanel()?.open === 'function' || typeof firefoxSidebar()?.open === 'function';
}

/**
 * Opens the side panel for the tab. Both browsers allow it only in answer to a user action, so this
 * is called at once in the listener of the content script's message sent from the rep's click, before
 * anything is awaited. Whether it opened.
 */
export function openSidePanel(tabId: number): Promise<boolean> {
  const chrome = chromeSidePanel();
  if (typeof chrome?.open === 'function')
    return chrome.open({ tabId }).then(
      () => true,
      () => false,
    );
  const firefox = firefoxSidebar();
  if (typeof firefox?.open === 'function')
    return firefox.open().then(
      () => true,
      () => false,
    );
  return Promise.resolve(false);
}
