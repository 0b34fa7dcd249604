// Who may ask the background what. Content scripts run beside untrusted pages: they may only
// report what their page shows. Extension pages (options) may manage the connection.
import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import { ContentMessage, OptionsRequest, type OptionsResponse } from '../messages.ts';
import { connect, disconnect, loadConnection, publicStatus } from './connection.ts';
import { forgetAll } from './contexts.ts';
import { mergePage, readTabPage, writeTabPage } from './pages.ts';
import { refresh, refreshAll } from './sidebars.ts';

type Sender = Browser.runtime.MessageSender;

export function isExtensionPage(sender: Sender): boolean {
  return sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL('/'));
}

export function isContentScript(sender: Sender): boolean {
  return sender.id === browser.runtime.id && sender.tab?.id !== undefined && !isExtensionPage(sender);
}

export async function handleMessage(message: unknown, sender: Sender): Promise<OptionsResponse | undefined> {
  if (isContentScript(sender) && sender.tab?.id !== undefined) {
    const parsed = ContentMessage.safeParse(message);
    if (!parsed.success) return undefined;
    const tabId = sender.tab.id;
    await writeTabPage(tabId, mergePage(await readTabPage(tabId), parsed.data.page));
    await refresh(tabId);
    return undefined;
  }
  if (isExtensionPage(sender)) {
    const parsed = OptionsRequest.safeParse(message);
    if (!parsed.success) return { ok: false, message: 'The extension sent itself a message it does not understand.' };
    return handleOptions(parsed.data);
  }
  return undefined;
}

async function handleOptions(request: OptionsRequest): Promise<OptionsResponse> {
  try {
    switch (request.type) {
      case 'connection':
        return { ok: true, connection: publicStatus(await loadConnection()) };
      case 'connect': {
        const connection = await connect(request.endpoint, request.token);
        forgetAll();
        await refreshAll();
        return { ok: true, connection: publicStatus(connection) };
      }
      case 'disconnect':
        await disconnect();
        forgetAll();
        await refreshAll();
        return { ok: true, connection: publicStatus(null) };
      default:
        return { ok: false, message: 'This version of the extension cannot do that yet.' };
    }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : 'That did not work.' };
  }
}
