// The background answers page reports from a copy of the rep's preferences and each tab's page; the
// copy must never show an older choice than storage holds, whoever changed it.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetTab, readTabPage, writeTabPage } from '../../../lib/background/pages.ts';
import { loadPreferences, savePreferences } from '../../../lib/background/preferences.ts';
import type { PageLeads } from '../../../lib/messages.ts';

beforeEach(() => fakeBrowser.reset());

const page: PageLeads = {
  site: 'gmail',
  view: 'thread',
  leads: [{ email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' }],
};

describe('the copy of what the background keeps in storage', () => {
  it('sees a site switched off at once, and again when storage is changed from elsewhere', async () => {
    expect(await loadPreferences()).toEqual({ sitesOff: [], internalDomains: [] });
    await savePreferences({ sitesOff: ['gmail'], internalDomains: [] });
    expect((await loadPreferences()).sitesOff).toEqual(['gmail']);
    await browser.storage.local.set({ preferences: { sitesOff: ['outlook'], internalDomains: [] } });
    expect((await loadPreferences()).sitesOff).toEqual(['outlook']);
    await browser.storage.local.clear();
    expect((await loadPreferences()).sitesOff).toEqual([]);
  });

  it("keeps a tab's page from the moment it is written until the tab is forgotten", async () => {
    const written = writeTabPage(7, { page, selected: 0 });
    expect(await readTabPage(7)).toEqual({ page, selected: 0 });
    await written;
    await forgetTab(7);
    expect(await readTabPage(7)).toEqual({ page: null, selected: 0 });
  });

  it('holds nothing over from before storage was reset', async () => {
    await savePreferences({ sitesOff: ['hubspot'], internalDomains: [] });
    await writeTabPage(3, { page, selected: 0 });
    fakeBrowser.reset();
    expect(await loadPreferences()).toEqual({ sitesOff: [], internalDomains: [] });
    expect(await readTabPage(3)).toEqual({ page: null, selected: 0 });
  });
});
