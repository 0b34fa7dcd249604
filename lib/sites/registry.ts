import { gmail } from './gmail.ts';
import { hubspot } from './hubspot.ts';
import { outlook } from './outlook.ts';
import { salesforce } from './salesforce.ts';
import type { SiteAdapter, View } from './types.ts';

/** Every supported site. Adding a site is one file, one line here, and its hosts in hosts.ts. */
export const sites: SiteAdapter[] = [gmail, outlook, salesforce, hubspot];

/** The site and view this URL shows, or null when no site has a lead view here. */
export function siteFor(url: URL): { site: SiteAdapter; view: View } | null {
  for (const site of sites) {
    const view = site.matchUrl(url);
    if (view !== null) return { site, view };
  }
  return null;
}
