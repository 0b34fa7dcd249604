// Open sidebars and the state each one shows. A sidebar is the dock iframe inside a tab (its port
// carries that tab) or the browser's side panel (it follows the active tab of its window).
import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import { FeedbackInput } from '../contract/feedback.ts';
import type { LeadContext } from '../contract/lookup.ts';
import {
  InsertReply,
  type PageLead,
  type SidebarIntent,
  SidebarIntent as SidebarIntentSchema,
  type SidebarNotice,
  type SidebarState,
} from '../messages.ts';
import type { CachedContext } from '../store/db.ts';
import { EndpointError, fetchTimeline } from './api.ts';
import { appendTimeline, needsRevalidation } from './cache.ts';
import { type Connection, loadConnection } from './connection.ts';
import { fetchContext, readLocal } from './contexts.ts';
import { discard, enqueue, failedVerdicts, resend, undo, verdictsForLead } from './outbox.ts';
import { leadKey, readTabPage, writeTabPage } from './pages.ts';

type Port = Browser.runtime.Port;

interface Sidebar {
  port: Port;
  /** The tab the dock sits in; undefined for the side panel, which follows the active tab. */
  dockTab: number | undefined;
  tabId: number | undefined;
}

/** `auto`: revalidate when the cached copy is old; `force`: always ask; `never`: repaint from local data only. */
export type Network = 'auto' | 'force' | 'never';

const sidebars = new Set<Sidebar>();
/** Bumped on every refresh of a tab, so a slow lookup for an old page never overwrites a newer state. */
const generation = new Map<number, number>();

const hooks = {
  /** A verdict was queued, withdrawn or released: the outbox should run. */
  outboxChanged: () => {},
  /** The number of open sidebars changed: the live stream opens or closes with them. */
  sidebarsChanged: (_open: number) => {},
};

export function setSidebarHooks(next: Partial<typeof hooks>): void {
  Object.assign(hooks, next);
}

export function openSidebarCount(): number {
  return sidebars.size;
}

/** Messages a sidebar may send before its admission is decided; more are dropped. */
const MAX_HELD = 50;

/**
 * Serves a sidebar port once `admission` says it may see lead data. Until then its intents are
 * held; a refused port is told `refused`, gets nothing else and is let go.
 */
export function attachSidebar(port: Port, admission: Promise<boolean>): void {
  let sidebar: Sidebar | undefined;
  let gone = false;
  const held: unknown[] = [];
  port.onDisconnect.addListener(() => {
    gone = true;
    if (!sidebar) return;
    sidebars.delete(sidebar);
    hooks.sidebarsChanged(sidebars.size);
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
      sidebars.add(admittedSidebar);
      hooks.sidebarsChanged(sidebars.size);
      for (const message of held.splice(0)) hear(admittedSidebar, message);
      admittedSidebar.tabId ??= await activeTabId();
      await refresh(admittedSidebar.tabId);
    })
    .catch(() => undefined);
}

function hear(sidebar: Sidebar, message: unknown): void {
  const intent = SidebarIntentSchema.safeParse(message);
  if (!intent.success) return;
  void handleIntent(sidebar, intent.data).catch(() => undefined);
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

function notify(sidebar: Sidebar, notice: Omit<SidebarNotice, 'type'>): void {
  sidebar.port.postMessage({ type: 'notice', ...notice } satisfies SidebarNotice);
}

async function currentLead(tabId: number | undefined): Promise<PageLead | undefined> {
  if (tabId === undefined) return undefined;
  const { page, selected } = await readTabPage(tabId);
  return page?.leads[selected];
}

async function currentContext(tabId: number | undefined): Promise<LeadContext | undefined> {
  const lead = await currentLead(tabId);
  if (!lead) return undefined;
  return (await readLocal(lead)).entry?.context ?? undefined;
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
    case 'retry':
      await refresh(tabId, 'force');
      return;
    case 'feedback':
      await recordVerdict(sidebar, intent);
      return;
    case 'undo-feedback': {
      const result = await undo(intent.id);
      notify(sidebar, {
        requestId: intent.requestId,
        ok: result === 'removed' || result === 'withdrawing',
        code: result,
        message:
          result === 'too-late'
            ? 'The minute to undo has passed; the verdict stands.'
            : result === 'unknown'
              ? 'That verdict is not here any more.'
              : 'Undone.',
      });
      hooks.outboxChanged();
      await repaintAll();
      return;
    }
    case 'insert':
      await insert(sidebar, intent.requestId, intent.text);
      return;
    case 'load-more-events':
      await loadMore(tabId);
      return;
    case 'resend-failed':
      await resend(intent.id);
      hooks.outboxChanged();
      await repaintAll();
      return;
    case 'discard-failed':
      await discard(intent.id);
      await repaintAll();
      return;
  }
}

async function recordVerdict(sidebar: Sidebar, intent: Extract<SidebarIntent, { type: 'feedback' }>): Promise<void> {
  const context = await currentContext(sidebar.tabId);
  if (!context) {
    notify(sidebar, {
      requestId: intent.requestId,
      ok: false,
      code: 'no-lead',
      message: 'This lead is not loaded, so the verdict has nothing to attach to.',
    });
    return;
  }
  const input = FeedbackInput.safeParse({
    id: crypto.randomUUID(),
    target: intent.target,
    verdict: intent.verdict,
    reason: intent.reason,
    note: intent.note?.trim() ? intent.note : undefined,
    lead: { emailHash: context.lead.emailHash },
    occurredAt: new Date().toISOString(),
  });
  if (!input.success) {
    notify(sidebar, {
      requestId: intent.requestId,
      ok: false,
      code: 'invalid',
      message: input.error.issues[0]?.message ?? 'That verdict is incomplete.',
    });
    return;
  }
  try {
    // Awaited: the verdict is on disk before the rep is told it is queued.
    await enqueue(input.data);
  } catch {
    notify(sidebar, {
      requestId: intent.requestId,
      ok: false,
      code: 'storage-failed',
      message: 'The verdict could not be saved in this browser. Try again; if it keeps failing, free some disk space.',
    });
    return;
  }
  notify(sidebar, { requestId: intent.requestId, ok: true, code: 'queued', message: 'Queued.' });
  await repaintAll();
  hooks.outboxChanged();
}

async function insert(sidebar: Sidebar, requestId: string, text: string): Promise<void> {
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
  notify(sidebar, {
    requestId,
    ok: reply.ok,
    code: reply.ok ? 'inserted' : (reply.reason ?? 'not-supported'),
    message: reply.ok
      ? 'Inserted into your draft.'
      : reply.reason === 'no-compose'
        ? 'Open a reply or a new message first, then click Insert.'
        : 'Insert works in Gmail and Outlook drafts. Use Copy here.',
  });
}

async function loadMore(tabId: number | undefined): Promise<void> {
  const connection = await loadConnection();
  const lead = await currentLead(tabId);
  const context = await currentContext(tabId);
  const before = context?.engagement.nextBefore;
  if (!connection || !lead || !context || !before) return;
  await refresh(tabId, 'never', { loadingMore: true });
  try {
    const page = await fetchTimeline(connection, context.lead.emailHash, before);
    await appendTimeline(leadKey(lead), page.events, page.nextBefore);
  } catch {
    // The button stays; the rep can try again.
  }
  await refresh(tabId, 'never');
}

function push(tabId: number | undefined, state: SidebarState): void {
  for (const sidebar of sidebars) {
    if (sidebar.tabId === tabId) sidebar.port.postMessage(state);
  }
}

async function verdictExtras(context: LeadContext | null) {
  try {
    const failed = await failedVerdicts();
    const feedback = context ? await verdictsForLead(context.lead.emailHash) : [];
    return { feedback, failed };
  } catch {
    return {};
  }
}

async function fromEntry(
  base: { leads: PageLead[]; selected: number },
  entry: CachedContext,
  freshness: 'fresh' | 'refreshing' | 'stale',
  extra: { warning?: string; loadingMore?: boolean },
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

/** Works out what the sidebars of a tab should show, and shows it. */
export async function refresh(
  tabId: number | undefined,
  network: Network = 'auto',
  extra: { loadingMore?: boolean } = {},
): Promise<void> {
  const slot = tabId ?? -1;
  const ticket = (generation.get(slot) ?? 0) + 1;
  generation.set(slot, ticket);
  const current = () => generation.get(slot) === ticket;

  const connection = await loadConnection();
  if (!connection) return push(tabId, { status: 'not_connected' });
  const { page, selected } = tabId === undefined ? { page: null, selected: 0 } : await readTabPage(tabId);
  const lead = page?.leads[selected];
  if (!page || !lead) return push(tabId, { status: 'no_lead' });
  const base = { leads: page.leads, selected };

  const local = await readLocal(lead);
  const warning = local.storageError;
  const cached = local.entry;
  if (cached) {
    const stale = network === 'force' || needsRevalidation(cached, Date.now());
    const shown = network !== 'never' && stale ? 'refreshing' : 'fresh';
    push(tabId, await fromEntry(base, cached, shown, { ...extra, ...(warning ? { warning } : {}) }));
    if (network === 'never' || !stale) return;
  } else {
    push(tabId, { status: 'loading', ...base, ...(warning ? { warning } : {}) });
    if (network === 'never') return;
  }
  await revalidate(tabId, connection, lead, base, cached, warning, current);
}

async function revalidate(
  tabId: number | undefined,
  connection: Connection,
  lead: PageLead,
  base: { leads: PageLead[]; selected: number },
  cached: CachedContext | undefined,
  warning: string | undefined,
  current: () => boolean,
): Promise<void> {
  const extra = warning ? { warning } : {};
  try {
    const fetched = await fetchContext(connection, lead);
    if (current()) push(tabId, await fromEntry(base, fetched, 'fresh', extra));
  } catch (error) {
    if (!current()) return;
    const status = error instanceof EndpointError ? error.status : null;
    const message = error instanceof Error ? error.message : 'Something went wrong while looking this lead up.';
    // What we had is still worth showing when the endpoint is away; a refused token is not.
    if (cached && status !== 401 && status !== 403) push(tabId, await fromEntry(base, cached, 'stale', extra));
    else push(tabId, { status: 'error', ...base, message, ...extra });
  }
}

/** Every open sidebar, from what is known locally (no endpoint calls). */
export async function repaintAll(): Promise<void> {
  await refreshAll('never');
}

export async function refreshAll(network: Network = 'auto'): Promise<void> {
  const tabs = new Set([...sidebars].map((sidebar) => sidebar.tabId));
  await Promise.all([...tabs].map((tabId) => refresh(tabId, network)));
}
