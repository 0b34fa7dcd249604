// @vitest-environment happy-dom
// A site has one home: its folder declares it, and one line of lib/sites/registry.ts lists it. Here a
// fifth site, made up for the test, is registered beside the real four and must show up everywhere
// the extension derives from the registry: the manifest, the options list, compose insertion,
// detection and the message enums.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OptionsPreferences, type SiteChoice } from '../../components/OptionsPreferences.tsx';
import { composeSiteOf, watchCompose } from '../../lib/content/compose.ts';
import { extensionManifest } from '../../lib/manifest.ts';
import { SiteId, View } from '../../lib/messages.ts';
import { createRegistry } from '../../lib/sites/create-registry.ts';
import { defineSite } from '../../lib/sites/define.ts';
import { registry, sites } from '../../lib/sites/registry.ts';

const fifth = defineSite({
  id: 'fifth',
  label: 'Fifth Mail',
  matches: ['https://mail.fifth.example/*'],
  optionalMatches: ['https://*.fifth-custom.example/*'],
  compose: [{ name: 'div[data-fifth-editor]', seen: '2025-11', selector: 'div[data-fifth-editor][contenteditable]' }],
  views: ['thread'],
  matchUrl: (url) => (url.hostname === 'mail.fifth.example' && /^\/t\/\d+$/.test(url.pathname) ? 'thread' : null),
  detect: (doc) => ({
    view: 'thread',
    leads: Array.from(doc.querySelectorAll('[data-fifth-person]'), (el) => ({
      email: el.getAttribute('data-fifth-person') ?? '',
    })),
  }),
});
const withFifth = createRegistry([...sites, fifth]);

let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
});
afterEach(() => {
  controller.abort();
  cleanup();
  document.body.replaceChildren();
});

describe('the app registry', () => {
  it('lists the four sites, and the message enums are its ids and views', () => {
    expect(registry.ids).toEqual(['gmail', 'outlook', 'salesforce', 'hubspot']);
    expect(SiteId.options).toEqual(registry.ids);
    expect(View.options).toEqual(['thread', 'compose', 'record']);
    expect(View.options).toEqual(registry.views);
  });

  it('asks for no host twice', () => {
    expect(new Set(registry.matches).size).toBe(registry.matches.length);
  });
});

describe('a fifth site, registered with one line', () => {
  it('is in the manifest: host permissions, optional hosts and the dock page', () => {
    for (const browser of ['chrome', 'firefox']) {
      const manifest = extensionManifest(browser, withFifth);
      expect(manifest.host_permissions).toEqual([...registry.matches, 'https://mail.fifth.example/*']);
      expect(manifest.optional_host_permissions).toEqual([
        ...registry.optionalMatches,
        'https://*.fifth-custom.example/*',
      ]);
      const dock = manifest.web_accessible_resources?.[0];
      // The dock's page loads on a granted optional host too: the content script runs there once granted.
      expect(typeof dock === 'object' ? dock.matches : []).toEqual([
        ...(manifest.host_permissions ?? []),
        ...(manifest.optional_host_permissions ?? []),
      ]);
    }
    expect(extensionManifest('chrome').host_permissions).not.toContain('https://mail.fifth.example/*');
  });

  it('gets the content script registered on a custom host once granted, and on no other', () => {
    const granted = [
      'https://mail.google.com/*', // a fixed host: the manifest's content script runs there already
      'https://mail.fifth.example/*',
      'https://acme.fifth-custom.example/*',
      'https://evil.example/*', // granted somehow, but no site asks for it
    ];
    expect(withFifth.grantedMatches(granted)).toEqual(['https://acme.fifth-custom.example/*']);
    expect(registry.grantedMatches(granted)).toEqual([]);
    expect(withFifth.siteOnHost('acme.fifth-custom.example')).toBe(fifth);
  });

  it('is in the options list, by its label', async () => {
    const send = async () => ({ ok: true, preferences: { sitesOff: [], internalDomains: [] } });
    // Its id is no SiteId of the app: the background would refuse to switch it off, but it is listed.
    render(<OptionsPreferences send={send} sites={withFifth.options as SiteChoice[]} />);
    expect(await screen.findByRole('checkbox', { name: 'Fifth Mail' })).toBeTruthy();
    expect(screen.getAllByRole('checkbox').map((box) => box.parentElement?.textContent)).toEqual([
      'Gmail',
      'Outlook on the web',
      'Salesforce',
      'HubSpot',
      'Fifth Mail',
    ]);
  });

  it('gets talking points inserted into its compose', () => {
    expect(composeSiteOf('mail.fifth.example', withFifth)).toBe('fifth');
    expect(composeSiteOf('mail.fifth.example')).toBeNull();
    document.body.innerHTML = '<div data-fifth-editor contenteditable="true">Hi Dana,</div>';
    const composer = watchCompose(document, 'mail.fifth.example', controller.signal, withFifth);
    expect(composer.insert(' about the pilot')).toEqual({ ok: true });
    expect(document.body.textContent).toBe('Hi Dana, about the pilot');
    const outside = watchCompose(document, 'mail.fifth.example', controller.signal);
    expect(outside.insert('Hi')).toEqual({ ok: false, reason: 'not-supported' });
  });

  it('is detected, its report named after it', () => {
    const url = new URL('https://mail.fifth.example/t/42');
    const match = withFifth.siteFor(url);
    expect(match).toEqual({ site: fifth, view: 'thread' });
    document.body.innerHTML = '<span data-fifth-person="dana@acme.com"></span>';
    expect(match?.site.detect(document, url)).toEqual({
      site: 'fifth',
      view: 'thread',
      leads: [{ email: 'dana@acme.com' }],
    });
    expect(registry.siteFor(url)).toBeNull();
    expect(withFifth.ids).toEqual([...registry.ids, 'fifth']);
  });
});

describe('defineSite', () => {
  it('reports at most 50 leads, as the wire contract allows', () => {
    document.body.innerHTML = Array.from({ length: 60 }, (_, i) => `<i data-fifth-person="p${i}@acme.com"></i>`).join(
      '',
    );
    const page = fifth.detect(document, new URL('https://mail.fifth.example/t/1'));
    expect(page?.leads).toHaveLength(50);
    expect(page?.leads[0]).toEqual({ email: 'p0@acme.com' });
  });
});
