// Open sidebars and the state each one shows. A sidebar is the dock iframe inside a tab (its port
// carries that tab) or the browser's side panel (it follows the active tab of its window).
import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import { type SidebarIntent, SidebarIntent as SidebarIntentSchema, type SidebarState } from '../messages.ts';
import { EndpointError } from './api.ts';
import { loadConnection } from './connection.ts';
import { cached, forget, resolve } from './contexts.ts';
import { readTabPage, writeTabPage } from './pages.ts';

type Port = Browser.runtime.Port;

interface Sidebar {
  port: Port;
  /** The tab the dock sits in; undefined for the side panel, which follows the active tab. */
  dockTab: number | undefined;
  tabId: number | undefined;
}

const sidebars = new Set<Sidebar>();
/** Bumped on every change of a tab's page, so a slow lookup for an old page never overwrites a newer state. */
const generation = new Map<number, number>();

export function attachSidebar(port: Port): void {
  const sidebar: Sidebar = { port, dockTab: port.sender?.tab?.id, tabId: port.sender?.tab?.id };
  sidebars.add(sidebar);
  port.onDisconnect.addListener(() => sidebars.delete(sidebar));
  port.onMessage.addListener((message: unknown) => {
    const intent = SidebarIntentSchema.safeParse(message);
    if (!intent.success) return;
    void handleIntent(sidebar, intent.data);
  });
  void (async () => {
    sidebar.tabId ??= await activeTabId();
    await refresh(sidebar.tabId);
  })();
}

/** The side panel follows the tab the rep is looking at. */
export async function followActiveTab(): Promise<void> {
  const tabId = await activeTabId();
  for (const sidebar of sidebars) {
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

async function handleIntent(sidebar: Sidebar, intent: SidebarIntent): Promise<void> {
  const tabId = sidebar.tabId;
  switch (intent.type) {
    case 'open-options':
      await browser.runtime.openOptionsPage();
      return;
    case 'select-lead': {
      if (tabId === undefined) return;
      const record = await readTabPage(tabId);
      if (!record.page || intent.index >= record.page.leads.length) return;
      await writeTabPage(tabId, { ...record, selected: intent.index });
      await refresh(tabId);
      return;
    }
    case 'retry': {
      if (tabId === undefined) return;
      const { page, selected } = await readTabPage(tabId);
      const lead = page?.leads[selected];
      if (lead) forget(lead);
      await refresh(tabId);
      return;
    }
  }
}

function push(tabId: number | undefined, state: SidebarState): void {
  for (const sidebar of sidebars) {
    if (sidebar.tabId === tabId) sidebar.port.postMessage(state);
  }
}

/** Works out what the sidebars of a tab should show, and shows it. */
export async function refresh(tabId: number | undefined): Promise<void> {
  const ticket = (generation.get(tabId ?? -1) ?? 0) + 1;
  generation.set(tabId ?? -1, ticket);
  const current = () => generation.get(tabId ?? -1) === ticket;

  const connection = await loadConnection();
  if (!connection) return push(tabId, { status: 'not_connected' });
  const { page, selected } = tabId === undefined ? { page: null, selected: 0 } : await readTabPage(tabId);
  const lead = page?.leads[selected];
  if (!page || !lead) return push(tabId, { status: 'no_lead' });
  const leads = page.leads;

  if (!cached(lead)) push(tabId, { status: 'loading', leads, selected });
  try {
    const resolved = await resolve(connection, lead);
    if (!current()) return;
    push(
      tabId,
      resolved.found
        ? { status: 'ready', leads, selected, context: resolved.context, fetchedAt: resolved.fetchedAt }
        : { status: 'not_found', leads, selected },
    );
  } catch (error) {
    if (!current()) return;
    const message = error instanceof EndpointError ? error.message : 'Something went wrong while looking this lead up.';
    push(tabId, { status: 'error', leads, selected, message });
  }
}

export async function refreshAll(): Promise<void> {
  const tabs = new Set([...sidebars].map((sidebar) => sidebar.tabId));
  await Promise.all([...tabs].map((tabId) => refresh(tabId)));
}
