// Chrome's side panel API is not in webextension-polyfill; reach it on the `chrome` global where it exists.
interface SidePanelApi {
  setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
}

export function openSidePanelOnActionClick(): void {
  const api = (globalThis as { chrome?: { sidePanel?: SidePanelApi } }).chrome?.sidePanel;
  api?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
}
