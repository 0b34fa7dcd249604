// The content script on the CRM domains the rep granted from Options. The manifest's loader covers
// the fixed hosts only; a host asked for at the rep's click (`optional_host_permissions`) gets the
// same loader registered here while the grant lasts, and the loader the content script.
import { browser } from 'wxt/browser';
import { LOADER_FILE } from '../content-files.ts';
import { registry } from '../sites/registry.ts';

export const GRANTED_SCRIPT_ID = 'coalface-granted-sites';

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
    js: [LOADER_FILE],
    // As the manifest's loader (lib/content/loader.ts): top frame only, the content script after the load.
    runAt: 'document_start' as const,
    allFrames: false,
    // Registered again from the grants at each browser start, so a registration never outlives its grant.
    persistAcrossSessions: false,
  };
  if (registered.length > 0) await browser.scripting.updateContentScripts([script]);
  else await browser.scripting.registerContentScripts([script]);
}
