import { gmail } from './gmail.ts';
import type { SiteAdapter, View } from './types.ts';

/** Every supported site. Adding a site is one file and one line here. */
export const sites: SiteAdapter[] = [gmail];

/** The site and view this URL shows, or null when no site has a lead view here. */
export function siteFor(url: URL): { site: SiteAdapter; view: View } | null {
  for (const site of sites) {
    const view = site.matchUrl(url);
    if (view !== null) return { site, view };
  }
  return null;
}
