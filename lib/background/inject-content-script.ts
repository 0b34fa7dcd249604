// The content script, into the page whose loader asked for it once the page had loaded
// (lib/content/loader.ts). The loader runs only where the manifest or a granted domain's
// registration put it, and injecting needs the host permission for the page, as the manifest did.
import { browser } from 'wxt/browser';
import { CONTENT_SCRIPT_FILE } from '../content-files.ts';

export async function injectContentScript(tabId: number, frameId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [CONTENT_SCRIPT_FILE] });
}
