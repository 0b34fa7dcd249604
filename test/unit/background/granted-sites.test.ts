// A Salesforce domain the rep grants from Options gets the content script the manifest gives the
// fixed hosts; removing the grant takes it away; a worker that starts again registers nothing twice.
// WXT's fake browser has no `scripting` or `permissions`: both are modelled here on Chrome's, a
// second registration under one id rejected as Chrome rejects it.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { followGrantedSites, GRANTED_SCRIPT_ID, syncGrantedSites } from '../../../lib/background/granted-sites.ts';

interface Script {
  id: string;
  matches?: string[];
  js?: string[];
  runAt?: string;
  allFrames?: boolean;
}

const FIXED = ['https://*.lightning.force.com/*', 'https://mail.google.com/*'];
const AGENCY = 'https://agency.lightning.crmforce.mil/*';
const CHINA = 'https://acme.lightning.sfcrmapps.cn/*';

let granted: string[];
let registered: Map<string, Script>;
let onAdded: (() => void)[];
let onRemoved: (() => void)[];

function model() {
  const listen = (list: (() => void)[]) => ({ addListener: (listener: () => void) => list.push(listener) });
  Object.assign(fakeBrowser.permissions, {
    getAll: async () => ({ origins: [...granted], permissions: ['storage', 'scripting'] }),
    onAdded: listen(onAdded),
    onRemoved: listen(onRemoved),
  });
  Object.assign(fakeBrowser.scripting, {
    getRegisteredContentScripts: vi.fn(async (filter?: { ids?: string[] }) =>
      [...registered.values()].filter((script) => !filter?.ids || filter.ids.includes(script.id)),
    ),
    registerContentScripts: vi.fn(async (scripts: Script[]) => {
      for (const script of scripts) {
        if (registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
        registered.set(script.id, script);
      }
    }),
    updateContentScripts: vi.fn(async (scripts: Script[]) => {
      for (const script of scripts) {
        const before = registered.get(script.id);
        if (!before) throw new Error(`No script with ID '${script.id}'`);
        registered.set(script.id, { ...before, ...script });
      }
    }),
    unregisterContentScripts: vi.fn(async (filter?: { ids?: string[] }) => {
      for (const id of filter?.ids ?? [...registered.keys()]) {
        if (!registered.delete(id)) throw new Error(`Nonexistent script ID '${id}'`);
      }
    }),
  });
}

/** The rep's click in Options, as the browser reports it once the prompt is accepted. */
async function grant(origin: string) {
  granted.push(origin);
  for (const listener of onAdded) listener();
  await syncGrantedSites(); // waits for the queued sync the event started
}
async function revoke(origin: string) {
  granted = granted.filter((o) => o !== origin);
  for (const listener of onRemoved) listener();
  await syncGrantedSites();
}
const matchesNow = () => registered.get(GRANTED_SCRIPT_ID)?.matches;

beforeEach(() => {
  fakeBrowser.reset();
  granted = [...FIXED];
  registered = new Map();
  onAdded = [];
  onRemoved = [];
  model();
});

describe('granted sites', () => {
  it('registers nothing while the rep has granted no optional domain', async () => {
    await followGrantedSites();
    expect(registered.size).toBe(0);
  });

  it('registers the loader on a domain once granted, as the manifest runs it on the fixed hosts', async () => {
    await followGrantedSites();
    await grant(AGENCY);
    expect(registered.get(GRANTED_SCRIPT_ID)).toMatchObject({
      matches: [AGENCY],
      js: ['loader.js'],
      runAt: 'document_start',
      allFrames: false,
    });
  });

  it('follows a second grant and each removal, and unregisters with the last', async () => {
    await followGrantedSites();
    await grant(AGENCY);
    await grant(CHINA);
    expect(matchesNow()).toEqual([AGENCY, CHINA]);
    await revoke(AGENCY);
    expect(matchesNow()).toEqual([CHINA]);
    await revoke(CHINA);
    expect(registered.has(GRANTED_SCRIPT_ID)).toBe(false);
  });

  it('registers at startup for a grant already held, and a restarted worker registers nothing twice', async () => {
    granted.push(AGENCY);
    await followGrantedSites();
    expect(matchesNow()).toEqual([AGENCY]);
    // The worker stops and starts again: the registration outlived it, the grants did too.
    onAdded = [];
    onRemoved = [];
    await followGrantedSites();
    expect(matchesNow()).toEqual([AGENCY]);
    expect(fakeBrowser.scripting.registerContentScripts).toHaveBeenCalledTimes(1);
  });

  it('registers once when a grant arrives while the startup sync is still running', async () => {
    granted.push(AGENCY);
    const startup = followGrantedSites();
    for (const listener of onAdded) listener();
    await startup;
    await syncGrantedSites();
    expect(matchesNow()).toEqual([AGENCY]);
    expect(fakeBrowser.scripting.registerContentScripts).toHaveBeenCalledTimes(1);
  });

  it('never registers on a fixed host or a host no site asks for', async () => {
    granted.push('https://evil.example/*', 'https://acme.my.salesforce.com/*');
    await followGrantedSites();
    expect(registered.size).toBe(0);
  });
});
