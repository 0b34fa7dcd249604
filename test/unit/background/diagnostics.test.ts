import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  addTrace,
  diagnosticsText,
  MAX_ALTERNATIVES_PER_PROBE,
  MAX_PROBES_PER_VIEW,
  recordTrace,
} from '../../../lib/background/diagnostics.ts';

beforeEach(() => {
  fakeBrowser.reset();
  // WXT's fake browser has no manifest; the built extension's is version 0.1.0 from package.json.
  vi.spyOn(browser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'Coalface', version: '0.1.0' });
});

const gmailTrace = [
  { probe: 'subject', matched: 'h2.hP[data-thread-perm-id]', count: 1 },
  { probe: 'sender', matched: 'h3.iw span.gD[email]', count: 2 },
  { probe: 'recipient', matched: 'span.hb [data-hovercard-id*="@"]', count: 3 },
  { probe: 'self', matched: null, count: 0 },
];

describe('diagnostics', () => {
  it('count how often each alternative answered, per site and view, with when it was last seen', async () => {
    await recordTrace('gmail', 'thread', gmailTrace, Date.UTC(2025, 10, 1));
    await recordTrace('gmail', 'thread', gmailTrace.slice(0, 1), Date.UTC(2025, 10, 2));
    const report = JSON.parse(await diagnosticsText('TestAgent/1.0'));
    expect(report.userAgent).toBe('TestAgent/1.0');
    expect(report.version).toBe('0.1.0');
    expect(report.sites.gmail.thread.subject).toEqual({
      'h2.hP[data-thread-perm-id]': { answered: 2, lastSeen: '2025-11-02T00:00:00.000Z' },
    });
    expect(report.sites.gmail.thread.self).toEqual({ '(none)': { answered: 1, lastSeen: '2025-11-01T00:00:00.000Z' } });
    // A selector naming "@" is structure, not an address, and is kept.
    expect(report.sites.gmail.thread.recipient).toHaveProperty(['span.hb [data-hovercard-id*="@"]']);
  });

  it('never keep an address or page text, even if a trace carries one', async () => {
    await recordTrace('outlook', 'thread', [
      { probe: 'sender', matched: 'From: Dana Lee <dana.lee@acme-robotics.com>' },
      { probe: 'raj.patel@northwind.io', matched: 'title' },
      { probe: 'recipient', matched: 'aria-label' },
    ]);
    const text = await diagnosticsText();
    expect(text).not.toMatch(/acme-robotics|northwind|Dana Lee/);
    expect(text).not.toMatch(/[\w.]+@[\w-]+\.[a-z]{2,}/);
    expect(JSON.parse(text).sites.outlook.thread).toEqual({
      recipient: { 'aria-label': { answered: 1, lastSeen: expect.any(String) } },
    });
    const stored = JSON.stringify(await browser.storage.local.get('diagnostics'));
    expect(stored).not.toMatch(/acme-robotics|northwind/);
  });

  it('stay bounded, keeping what was seen most recently', () => {
    let store = {};
    for (let i = 0; i < MAX_PROBES_PER_VIEW + 10; i++) {
      store = addTrace(store, 'hubspot', 'record', [{ probe: `probe-${i}`, matched: 'x' }], i);
    }
    for (let i = 0; i < MAX_ALTERNATIVES_PER_PROBE + 5; i++) {
      store = addTrace(store, 'hubspot', 'record', [{ probe: 'email', matched: `alt-${i}` }], 1000 + i);
    }
    const probes =
      (store as Record<string, Record<string, Record<string, Record<string, unknown>>>>).hubspot?.record ?? {};
    expect(Object.keys(probes)).toHaveLength(MAX_PROBES_PER_VIEW);
    expect(Object.keys(probes.email ?? {})).toHaveLength(MAX_ALTERNATIVES_PER_PROBE);
    expect(probes.email).toHaveProperty([`alt-${MAX_ALTERNATIVES_PER_PROBE + 4}`]);
    expect(probes.email).not.toHaveProperty(['alt-0']);
  });

  it('are empty, not broken, before any page was read', async () => {
    const report = JSON.parse(await diagnosticsText());
    expect(report.sites).toEqual({});
    expect(report.managed).toEqual({ keys: [], repsMayChange: false, ignored: [] });
  });

  it('say which settings IT manages and each managed value that was ignored, never a token or an address', async () => {
    const token = 'cf_Q2hlY2tUaGlzSXNOb3RBUmVhbFRva2Vu';
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1LXJhaiJ9.c2lnbmF0dXJl';
    await fakeBrowser.storage.managed.set({
      endpointUrl: 'https://coalface.acme.test/',
      sitesOff: ['salesforce'],
      internalDomains: ['raj@northwind.io'],
      identityProvider: token,
      repsMayChange: 'yes',
      [jwt]: true,
    });
    const text = await diagnosticsText();
    const { managed } = JSON.parse(text);
    expect(managed.keys).toEqual(['endpointUrl', 'sitesOff']);
    expect(managed.repsMayChange).toBe(false);
    expect(managed.ignored).toEqual([
      expect.stringMatching(/^internalDomains .*\[address removed\].* was ignored: must be a domain/),
      expect.stringMatching(/^identityProvider "\[token removed\]" was ignored: must be the issuer URL/),
      'repsMayChange "yes" was ignored: must be true or false.',
      expect.stringMatching(/^“\[token removed\]” is not a setting Coalface knows/),
    ]);
    expect(text).not.toContain('cf_Q2hl');
    expect(text).not.toContain('eyJ');
    expect(text).not.toMatch(/northwind/);
  });
});
