import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  isInternal,
  loadPreferences,
  savePreferences,
  withoutColleagues,
} from '../../../lib/background/preferences.ts';
import type { PageLeads } from '../../../lib/messages.ts';

beforeEach(() => fakeBrowser.reset());

describe('preferences', () => {
  it('start with every site on and no internal domains', async () => {
    expect(await loadPreferences()).toEqual({ sitesOff: [], internalDomains: [] });
  });

  it('are kept in storage.local, normalised', async () => {
    const saved = await savePreferences({
      sitesOff: ['hubspot'],
      internalDomains: [' Coalface-Demo.com ', 'coalface-demo.com'],
    });
    expect(saved).toEqual({ ok: true, preferences: { sitesOff: ['hubspot'], internalDomains: ['coalface-demo.com'] } });
    expect((await browser.storage.local.get('preferences')).preferences).toEqual({
      sitesOff: ['hubspot'],
      internalDomains: ['coalface-demo.com'],
    });
    expect(await loadPreferences()).toEqual({ sitesOff: ['hubspot'], internalDomains: ['coalface-demo.com'] });
  });

  it('refuse a bad domain with a sentence naming it, and keep what was there', async () => {
    await savePreferences({ sitesOff: [], internalDomains: ['northwind.io'] });
    const answer = await savePreferences({ sitesOff: [], internalDomains: ['acme.com', 'https://coalface.io/'] });
    expect(answer).toEqual({ ok: false, message: expect.stringContaining('“https://coalface.io/” is not a domain') });
    expect((await loadPreferences()).internalDomains).toEqual(['northwind.io']);
  });

  it('refuse an address typed where a domain belongs', async () => {
    const answer = await savePreferences({ internalDomains: ['alex@coalface-demo.com'] });
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.message).toMatch(/alex@coalface-demo\.com.*one domain per line/);
  });

  it('refuse a site that does not exist', async () => {
    const answer = await savePreferences({ sitesOff: ['myspace'] });
    expect(answer).toEqual({ ok: false, message: expect.stringContaining('“myspace” is not a site') });
  });

  it('fall back to the defaults when storage holds something unreadable', async () => {
    await browser.storage.local.set({ preferences: { sitesOff: 'all' } });
    expect(await loadPreferences()).toEqual({ sitesOff: [], internalDomains: [] });
  });
});

describe('colleagues are not leads', () => {
  const page: PageLeads = {
    site: 'gmail',
    view: 'thread',
    self: 'alex@coalface-demo.com',
    leads: [
      { email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' },
      { email: 'alex@coalface-demo.com' },
      { email: 'sam.ortiz@coalface-demo.com', name: 'Sam Ortiz' },
      { email: 'kim@eu.coalface-demo.com' },
      { email: 'pat@notcoalface-demo.com' },
      { crmRef: { system: 'salesforce', objectType: 'Lead', id: '00Q5e00000AcmDLEAZ' } },
    ],
  };

  it('drops the rep, the internal domains and their subdomains, and keeps CRM-only leads', () => {
    const kept = withoutColleagues(page, { sitesOff: [], internalDomains: ['coalface-demo.com'] });
    expect(kept.leads).toEqual([
      { email: 'dana.lee@acme-robotics.com', name: 'Dana Lee' },
      { email: 'pat@notcoalface-demo.com' },
      { crmRef: { system: 'salesforce', objectType: 'Lead', id: '00Q5e00000AcmDLEAZ' } },
    ]);
  });

  it('a look-alike domain is not a subdomain', () => {
    expect(isInternal('pat@notcoalface-demo.com', ['coalface-demo.com'])).toBe(false);
    expect(isInternal('kim@eu.coalface-demo.com', ['coalface-demo.com'])).toBe(true);
  });
});
