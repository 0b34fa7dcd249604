// The content script on the CRM domains the rep granted from Options. The manifest's content script
// covers the fixed hosts only; a host asked for at the rep's click (`optional_host_permissions`) gets
// the same script registered here while the grant lasts.
import { browser } from 'wxt/browser';
import { registry } from '../sites/registry.ts';

export const GRANTED_SCRIPT_ID = 'coalface-granted-sites';
/** WXT's output for entrypoints/content.ts, as the manifest's own content script names it. */
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';

// One sync at a time: a grant arriving while the worker's startup sync runs must not register twice.
let queue: Promise<void> = Promise.resolve();

/** Registers for the grants already held, then follows each grant and removal. */
export function followGrantedSites(): Promise<void> {
  browser.permissions.onAdded.addListener(() => void syncGrantedSites());
  browser.permissions.onRemoved.addListener(() => void syncGrantedSites());
  return syncGrantedSites();
}

/** Makes the registered script match exactly the granted optional hosts: idempotent, safe after a worker restart. */
export function syncGrantedSites(): Promise<void> {
  const next = queue.then(sync);
  queue = next.catch(() => undefined);
  return next;
}

async function sync(): Promise<void> {
  const { origins = [] } = await browser.permissions.getAll();
  const matches = registry.grantedMatches(origins);
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [GRANTED_SCRIPT_ID] });
  if (matches.length === 0) {
    if (registered.length > 0) await browser.scripting.unregisterContentScripts({ ids: [GRANTED_SCRIPT_ID] });
    return;
  }
  const script = {
    id: GRANTED_SCRIPT_ID,
    matches,
    js: [CONTENT_SCRIPT_FILE],
    // As the manifest's content script (entrypoints/content.ts says why document_start): top frame only.
    runAt: 'document_start' as const,
    allFrames: false,
    // Registered again from the grants at each browser start, so a registration never outlives its grant.
    persistAcrossSessions: false,
  };
  if (registered.length > 0) await browser.scripting.updateContentScripts([script]);
  else await browser.scripting.registerContentScripts([script]);
}
