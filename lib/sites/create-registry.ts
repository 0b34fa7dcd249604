import type { SiteAdapter } from './types.ts';

type ViewOf<S extends SiteAdapter> = NonNullable<ReturnType<S['matchUrl']>>;

/** What the extension derives from its list of sites. */
export interface Registry<S extends SiteAdapter = SiteAdapter> {
  sites: readonly S[];
  /** Every site id and every view, in registry order: the message enums (lib/messages.ts). */
  ids: S['id'][];
  views: ViewOf<S>[];
  /** The manifest's host permissions, content script matches and the dock page's web-accessible matches. */
  matches: string[];
  /** The manifest's optional host permissions. */
  optionalMatches: string[];
  /** The sites as the options page lists them. */
  options: { id: S['id']; label: string }[];
  /** The site and view this URL shows, or null when no site has a lead view here. */
  siteFor(url: URL): { site: S; view: ViewOf<S> } | null;
  /** The site whose match patterns, or the optional hosts it asks for, take in this host, or null. */
  siteOnHost(hostname: string): S | null;
  /**
   * Of the origins the browser has granted (`permissions.getAll()`), those a site asks for at the rep's
   * click and the manifest's content script does not already cover: where the content script is
   * registered at run time (lib/background/granted-sites.ts).
   */
  grantedMatches(origins: readonly string[]): string[];
}

/** The host of a match pattern (`*.` kept), or null when it is not an https pattern. */
function hostOf(pattern: string): string | null {
  return /^https:\/\/([^/]+)\//.exec(pattern)?.[1] ?? null;
}

/** `https://*.lightning.force.com/*` takes in `acme.lightning.force.com` and `lightning.force.com`. */
function takesIn(pattern: string, hostname: string): boolean {
  const host = /^[a-z*]+:\/\/([^/]*)\//.exec(pattern)?.[1] ?? '';
  if (!host.startsWith('*.')) return hostname === host;
  const domain = host.slice(2);
  return hostname === domain || hostname.endsWith(`.${domain}`);
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

export function createRegistry<const S extends SiteAdapter>(sites: readonly S[]): Registry<S> {
  return {
    sites,
    ids: sites.map((site) => site.id),
    views: unique(sites.flatMap((site) => site.views as readonly ViewOf<S>[])),
    matches: unique(sites.flatMap((site) => site.matches)),
    optionalMatches: unique(sites.flatMap((site) => site.optionalMatches)),
    options: sites.map(({ id, label }) => ({ id, label })),
    siteFor(url) {
      for (const site of sites) {
        const view = site.matchUrl(url) as ViewOf<S> | null;
        if (view !== null) return { site, view };
      }
      return null;
    },
    siteOnHost(hostname) {
      return (
        sites.find((site) =>
          [...site.matches, ...site.optionalMatches].some((pattern) => takesIn(pattern, hostname)),
        ) ?? null
      );
    },
    grantedMatches(origins) {
      const optional = sites.flatMap((site) => site.optionalMatches);
      const fixed = sites.flatMap((site) => site.matches);
      return unique(
        origins.filter((origin) => {
          const host = hostOf(origin);
          return (
            host !== null &&
            optional.some((pattern) => takesIn(pattern, host)) &&
            !fixed.some((pattern) => takesIn(pattern, host))
          );
        }),
      );
    },
  };
}
