import { createRegistry } from './create-registry.ts';
import { gmail } from './gmail/index.ts';
import { hubspot } from './hubspot/index.ts';
import { outlook } from './outlook/index.ts';
import { salesforce } from './salesforce/index.ts';

/**
 * Every supported site, in the order Options lists them. A site is its folder; adding one is that
 * folder and its name in this list. The manifest, the options list, the compose table and the
 * message enums are derived from here.
 */
export const registry = createRegistry([gmail, outlook, salesforce, hubspot]);

export const { sites, siteFor } = registry;
export const SITE_IDS = registry.ids;
export const VIEWS = registry.views;
/** The pages the extension may read, as manifest match patterns. */
export const SITE_MATCHES = registry.matches;
/** Hosts the extension may read only after the rep grants them from Options, at a click. */
export const OPTIONAL_HOST_MATCHES = registry.optionalMatches;
