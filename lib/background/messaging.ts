// Who may ask the background what. Content scripts run beside untrusted pages: they may only
// report what their page shows. Extension pages (options) may manage the connection.
import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import {
  type AuthProvidersResponse,
  ContentMessage,
  type DiagnosticsResponse,
  type FrameTicketReply,
  type ManagedPolicyResponse,
  OptionsRequest,
  type OptionsResponse,
  type PageLeadsReply,
  type PreferencesResponse,
  SidebarPortName,
  type SidePanelReply,
} from '../messages.ts';
import { fetchProviders } from './auth-providers.ts';
import { allowedEndpoint, clearLocalData, connect, connectionStatus, disconnect } from './connection.ts';
import { diagnosticsText, recordTrace } from './diagnostics.ts';
import { type EarlyReads, startReads } from './early-reads.ts';
import { issueFrameTicket, redeemFrameTicket } from './frame-tickets.ts';
import { injectContentScript } from './inject-content-script.ts';
import { managedKeys } from './managed-policy.ts';
import { readManagedPolicy } from './managed-settings.ts';
import { mergePage, readTabPage, type TabPage, writeTabPage } from './pages.ts';
import { loadPreferences, loadPreferencesWithLocks, savePreferences, withoutColleagues } from './preferences.ts';
import { refresh, refreshAll } from './refresh.ts';
import { cancelRenewal } from './renewal-schedule.ts';
import { hasSidePanel, openSidePanel } from './side-panel.ts';
import { attachSidebar } from './sidebar-ports.ts';
import { signIn } from './sign-in.ts';

type Sender = Browser.runtime.MessageSender;
type Port = Browser.runtime.Port;
type OptionsReply =
  | OptionsResponse
  | PreferencesResponse
  | DiagnosticsResponse
  | AuthProvidersResponse
  | ManagedPolicyResponse;

/**
 * One of this extension's own pages. Chrome serves the dock's page from a per-session dynamic origin
 * (`use_dynamic_url`), so the scheme is checked, not the static origin: only this extension's pages
 * carry both its id and an extension URL (a content script's `url` is its host page's).
 */
export function isExtensionPage(sender: Sender | undefined): boolean {
  if (sender?.id !== browser.runtime.id || sender.url === undefined) return false;
  try {
    return new URL(sender.url).protocol === new URL(browser.runtime.getURL('/')).protocol;
  } catch {
    return false;
  }
}

/**
 * Whether a sidebar port may see lead data: from the sidebar page only, never a content script; and
 * from a frame inside a tab (the dock's iframe, or a page's own iframe of the sidebar page) only with
 * a frame ticket that tab's content script was given. The side panel is in no tab and needs none.
 */
export async function admitSidebarPort(port: { name: string; sender?: Sender }): Promise<boolean> {
  const name = SidebarPortName.safeParse(port.name);
  if (!name.success || !isExtensionPage(port.sender) || !port.sender) return false;
  if (port.sender.tab === undefined) return true;
  return name.data.ticket !== undefined && redeemFrameTicket(name.data.ticket, port.sender);
}

/** A port opened to the background: a sidebar is attached once admitted, anything else let go. */
export function connectSidebarPort(port: Port): void {
  if (!isExtensionPage(port.sender)) {
    port.disconnect();
    return;
  }
  attachSidebar(port, admitSidebarPort(port));
}

export function isContentScript(sender: Sender): boolean {
  return sender.id === browser.runtime.id && sender.tab?.id !== undefined && !isExtensionPage(sender);
}

export async function handleMessage(
  message: unknown,
  sender: Sender,
): Promise<OptionsReply | PageLeadsReply | SidePanelReply | FrameTicketReply | undefined> {
  if (isContentScript(sender) && sender.tab?.id !== undefined) {
    const parsed = ContentMessage.safeParse(message);
    if (!parsed.success) return undefined;
    if (parsed.data.type === 'frame-ticket') {
      // Our content script runs in the top frame only; the dock's iframe is its child.
      if (sender.frameId !== 0) return undefined;
      return { ticket: await issueFrameTicket(sender.tab.id) };
    }
    if (parsed.data.type === 'load-content-script') {
      // The loader runs in the top frame only, as the content script does.
      if (sender.frameId === 0) await injectContentScript(sender.tab.id, 0);
      return undefined;
    }
    // Opened before anything is awaited: the browser allows it only within the rep's click.
    if (parsed.data.type === 'open-side-panel') return { opened: await openSidePanel(sender.tab.id) };
    return handlePageLeads(sender.tab.id, parsed.data);
  }
  if (isExtensionPage(sender)) {
    const parsed = OptionsRequest.safeParse(message);
    if (!parsed.success) return { ok: false, message: 'The extension sent itself a message it does not understand.' };
    return handleOptions(parsed.data);
  }
  return undefined;
}

/**
 * A content script's report of its page. A switched-off site keeps nothing and gets no dock; the rep
 * and colleagues are dropped; a lead view with nobody left gets only the quiet handle.
 *
 * The sidebar is shown the new page before the diagnostics trace and the tab's page are stored, and
 * its IndexedDB reads start before the preferences are read: every storage call waits its turn on
 * the browser's main thread, busy right then with the host page's navigation, so each one awaited
 * first delays the campaign message the rep is waiting for.
 */
async function handlePageLeads(
  tabId: number,
  message: Extract<ContentMessage, { type: 'page-leads' }>,
): Promise<PageLeadsReply> {
  const reported = message.page;
  const reads = startReads(reported?.leads ?? []);
  const [preferences, previous] = await Promise.all([loadPreferences(), readTabPage(tabId)]);
  if (reported && preferences.sitesOff.includes(reported.site)) {
    await show(tabId, { page: null, selected: 0 }, reads);
    return { dock: 'off' };
  }
  const traced = reported && message.trace ? recordTrace(reported.site, reported.view, message.trace) : undefined;
  const page = reported ? withoutColleagues(reported, preferences) : null;
  await show(tabId, mergePage(previous, page), reads);
  await traced;
  const dock = page && page.leads.length > 0 ? 'open' : 'handle';
  return hasSidePanel() ? { dock, sidePanel: true } : { dock };
}

/** Keeps what the tab shows and refreshes its sidebars from it, without waiting for the write first. */
async function show(tabId: number, tabPage: TabPage, reads: EarlyReads): Promise<void> {
  const written = writeTabPage(tabId, tabPage);
  await refresh(tabId, 'auto', {}, { tabPage, reads });
  await written;
}

async function handleOptions(request: OptionsRequest): Promise<OptionsReply> {
  try {
    switch (request.type) {
      case 'connection':
        return { ok: true, connection: await connectionStatus() };
      case 'connect': {
        // connect() clears what was cached for another endpoint or account.
        await connect(request.endpoint, request.token);
        await cancelRenewal();
        await refreshAll();
        return { ok: true, connection: await connectionStatus() };
      }
      case 'auth-providers': {
        const endpoint = await allowedEndpoint(request.endpoint);
        const providers = await fetchProviders(endpoint, (await readManagedPolicy()).policy);
        return { ok: true, providers: providers.map(({ id, name }) => ({ id, name })) };
      }
      case 'sign-in':
        await signIn(request.endpoint, request.providerId, { interactive: true });
        await refreshAll();
        return { ok: true, connection: await connectionStatus() };
      case 'managed-policy': {
        const { policy, problems } = await readManagedPolicy();
        return { ok: true, managedKeys: managedKeys(policy), repsMayChange: policy.repsMayChange, problems };
      }
      case 'disconnect': {
        const { unsent } = await disconnect();
        await cancelRenewal();
        await refreshAll();
        return {
          ok: true,
          connection: await connectionStatus(),
          ...(unsent > 0
            ? {
                notice: `${unsent} ${unsent === 1 ? 'verdict' : 'verdicts'} could not reach the endpoint before you disconnected and ${unsent === 1 ? 'was' : 'were'} removed with the rest of this browser's Coalface data.`,
              }
            : {}),
        };
      }
      case 'clear-local-data':
        await clearLocalData(request.includingOutbox);
        await refreshAll();
        return { ok: true, connection: await connectionStatus() };
      case 'preferences':
        return { ok: true, ...(await loadPreferencesWithLocks()) };
      case 'set-preferences':
        return await savePreferences(request.preferences);
      case 'diagnostics':
        return { ok: true, text: await diagnosticsText() };
      default:
        return { ok: false, message: 'This version of the extension cannot do that yet.' };
    }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : 'That did not work.' };
  }
}
