import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { OPTIONAL_HOST_MATCHES, SITE_MATCHES, siteFor, sites } from '../../lib/sites/registry.ts';
import type { View } from '../../lib/sites/types.ts';
import { examplesOf } from './site-examples.ts';

// Each example of each site, checked against every site in the registry: adding a site that claims
// another's URLs fails here.
for (const site of sites) {
  describe(`${site.id} example URLs`, () => {
    const { none, ...views } = examplesOf(site.id);
    for (const [view, urls] of Object.entries(views) as [View, string[]][]) {
      for (const href of urls) {
        it(`${href} is a ${view} page of ${site.id} only`, () => {
          const url = new URL(href);
          expect(site.matchUrl(url)).toBe(view);
          for (const other of sites.filter((s) => s !== site)) expect(other.matchUrl(url)).toBeNull();
          expect(siteFor(url)).toEqual({ site, view });
          // The manifest must let the content script run where the adapter can see a lead: from install,
          // or once the rep grants the host from Options (lib/background/granted-sites.ts).
          const covers = (pattern: string) => new MatchPattern(pattern).includes(url);
          expect(SITE_MATCHES.some(covers) || OPTIONAL_HOST_MATCHES.some(covers)).toBe(true);
        });
      }
    }
    for (const href of none) {
      it(`${href} shows no lead on any site`, () => {
        const url = new URL(href);
        for (const any of sites) expect(any.matchUrl(url)).toBeNull();
        expect(siteFor(url)).toBeNull();
      });
    }

    it('has examples for exactly its views', () => {
      expect(Object.keys(views)).toEqual([...site.views]);
    });

    it('has examples for at least one lead view and one page without a lead', () => {
      expect(Object.values(views).flat().length).toBeGreaterThan(0);
      expect(none.length).toBeGreaterThan(0);
    });
  });
}

describe('site registry', () => {
  it('has one adapter per site id', () => {
    const ids = sites.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("asks at the rep's click only for hosts it does not read from install", () => {
    for (const optional of OPTIONAL_HOST_MATCHES) {
      const host = new URL(optional.replace('*.', 'x.').replace(/\*$/, '')).hostname;
      const url = new URL(`https://${host}/`);
      expect(SITE_MATCHES.some((pattern) => new MatchPattern(pattern).includes(url))).toBe(false);
    }
  });

  it('knows no site for pages outside the supported apps', () => {
    expect(siteFor(new URL('https://example.com/#inbox/18c2f1a2b3c4d5e6'))).toBeNull();
  });
});
