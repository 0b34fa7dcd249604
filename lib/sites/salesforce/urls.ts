/**
 * Where a Salesforce Lightning record page is, and example URLs (gotchas included).
 *
 * Lightning Experience renders on the org's Lightning domain, whatever the org kind
 * (docs/sites.md, "Salesforce addresses"):
 * - `<mydomain>.lightning.force.com`, and with partitioned domains `<mydomain>--<sandbox>.sandbox`,
 *   `<mydomain>-dev-ed.develop`, `.scratch`, `.trailblaze` (Trailhead playgrounds), `.demo`, `.patch`
 *   and `.free` before `.lightning.force.com`. Read without asking (MATCHES).
 * - Government Cloud Plus (`.lightning.crmforce.mil`, formerly `.lightning.force.mil`) and Salesforce
 *   on Alibaba Cloud (`.lightning.sfcrmapps.cn`): the same pages on other suffixes, which few customers
 *   have, so asked for at the rep's click in Options (OPTIONAL_MATCHES).
 * Not read: `*.my.salesforce.com` (login and Classic; it sends `/lightning/…` on to the Lightning
 * domain, where the page that renders is read), `*.my.salesforce-setup.com` (Setup), `*.vf.force.com`
 * (Visualforce, framed inside Lightning) and Experience Cloud sites (`*.my.site.com`, custom domains).
 */
import type { Examples } from '../types.ts';

export const MATCHES = ['https://*.lightning.force.com/*'];
export const OPTIONAL_MATCHES = [
  'https://*.lightning.crmforce.mil/*',
  'https://*.lightning.force.mil/*',
  'https://*.lightning.sfcrmapps.cn/*',
];

/** The objects whose pages show leads, by the key prefix every id of that object starts with. */
const PREFIXES = { '00Q': 'Lead', '003': 'Contact', '001': 'Account', '006': 'Opportunity' } as const;
export type SObject = (typeof PREFIXES)[keyof typeof PREFIXES];

// `<mydomain>` and its partitioned forms, on each suffix MATCHES and OPTIONAL_MATCHES name.
const HOST =
  /^[a-z0-9-]+(?:\.(?:sandbox|develop|scratch|trailblaze|demo|patch|free))?\.lightning\.(?:force\.com|crmforce\.mil|force\.mil|sfcrmapps\.cn)$/;
const ID = '[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?';
const RECORD_PATH = new RegExp(`^/lightning/r/(?:([A-Za-z][A-Za-z0-9_]*)/)?(${ID})/view/?$`);
const ONE_APP_HASH = new RegExp(`^#/sObject/(${ID})/view(?:[/?].*)?$`);
/** The record a link on the page points to. */
export const LINK_ID = new RegExp(`/lightning/r/(?:[A-Za-z][A-Za-z0-9_]*/)?(${ID})/view`);
export const WHOLE_ID = new RegExp(`^${ID}$`);

export interface RecordRef {
  sobject: SObject;
  /** As the URL has it, 15 or 18 characters: the endpoint matches an 18-character id on its first 15. */
  id: string;
}

export function objectOf(id: string): SObject | null {
  const prefix = id.slice(0, 3);
  return prefix in PREFIXES ? PREFIXES[prefix as keyof typeof PREFIXES] : null;
}

/** The record a Lightning URL shows, or null (see the hosts note at the top of this file). */
export function recordOf(url: URL): RecordRef | null {
  if (url.protocol !== 'https:' || !HOST.test(url.hostname)) return null;
  let named: string | undefined;
  let id: string | undefined;
  const path = RECORD_PATH.exec(url.pathname);
  if (path) [, named, id] = path;
  else if (url.pathname === '/one/one.app') id = ONE_APP_HASH.exec(url.hash)?.[1];
  if (!id) return null;
  const sobject = objectOf(id);
  // The prefix decides; a name that disagrees with it (a Report `00O…` under `/Lead/`) is no lead.
  if (!sobject || (named !== undefined && named.toLowerCase() !== sobject.toLowerCase())) return null;
  return { sobject, id };
}

export function matchUrl(url: URL): 'record' | null {
  return recordOf(url) === null ? null : 'record';
}

/** The views `matchUrl` answers. */
export const VIEWS: readonly 'record'[] = ['record'];

export const examples: Examples<'record'> = {
  record: [
    'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/view',
    'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000AbCdE/view', // 15-character id
    'https://acme.lightning.force.com/lightning/r/Contact/0035g00000XyZaBAAV/view',
    'https://acme.lightning.force.com/lightning/r/Account/0015g00000QrStUAAR/view',
    'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000MnOpQAAZ/view',
    'https://acme.lightning.force.com/lightning/r/0035g00000XyZaBAAV/view', // short form: the prefix says Contact
    'https://acme.lightning.force.com/lightning/r/lead/00Q5g00000AbCdEEAZ/view', // object name in any case
    'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/view?0.source=alohaHeader',
    'https://acme.lightning.force.com/lightning/r/Contact/0035g00000XyZaBAAV/view?ws=%2Flightning%2Fr%2FAccount%2F0015g00000QrStUAAR%2Fview', // console subtab
    'https://acme--uat.sandbox.lightning.force.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/view', // sandbox
    'https://acme-dev-ed.develop.lightning.force.com/lightning/r/Contact/0035g00000XyZaBAAV/view', // Developer Edition
    'https://acme--uat.lightning.force.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/view', // sandbox before enhanced domains
    'https://acme-dev-ed.lightning.force.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/view', // Developer Edition, likewise
    'https://velocity-page-1234-dev-ed.scratch.lightning.force.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/view', // scratch org
    'https://curious-otter-42ab1c.trailblaze.lightning.force.com/lightning/r/Contact/0035g00000XyZaBAAV/view', // Trailhead playground
    'https://acme-demo.demo.lightning.force.com/lightning/r/Opportunity/0065g00000MnOpQAAZ/view', // demo org
    'https://acme-patch.patch.lightning.force.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/view', // patch org
    'https://acme.free.lightning.force.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/view', // free org
    'https://agency.lightning.crmforce.mil/lightning/r/Lead/00Q5g00000AbCdEEAZ/view', // Government Cloud Plus: once granted
    'https://agency--uat.sandbox.lightning.crmforce.mil/lightning/r/Contact/0035g00000XyZaBAAV/view',
    'https://agency.lightning.force.mil/lightning/r/Lead/00Q5g00000AbCdEEAZ/view', // its former suffix: once granted
    'https://acme.lightning.sfcrmapps.cn/lightning/r/Lead/00Q5g00000AbCdEEAZ/view', // Alibaba Cloud: once granted
    'https://acme.lightning.force.com/one/one.app#/sObject/00Q5g00000AbCdEEAZ/view', // old console URL
    'https://acme.lightning.force.com/one/one.app#/sObject/0065g00000MnOpQ/view?a:t=1700000000000',
  ],
  none: [
    'https://acme.lightning.force.com/lightning/page/home',
    'https://acme.lightning.force.com/lightning/o/Lead/list?filterName=Recent',
    'https://acme.lightning.force.com/lightning/o/Contact/home',
    'https://acme.lightning.force.com/lightning/setup/SetupOneHome/home',
    'https://acme.lightning.force.com/lightning/r/Report/00O5g000004AbCdEAK/view', // a record URL, not a person
    'https://acme.lightning.force.com/lightning/r/Dashboard/01Z5g000000AbCdEAK/view',
    'https://acme.lightning.force.com/lightning/r/Case/5005g00000AbCdEAAZ/view', // service, not sales
    'https://acme.lightning.force.com/lightning/r/Campaign/7015g000000AbCdAAK/view',
    'https://acme.lightning.force.com/lightning/r/Lead/0035g00000XyZaBAAV/view', // name and id prefix disagree
    'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000AbCd/view', // 14 characters: not an id
    'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/edit', // edit modal
    'https://acme.lightning.force.com/lightning/r/Account/0015g00000QrStUAAR/related/Contacts/view',
    'https://acme.lightning.force.com/one/one.app#eyJjb21wb25lbnREZWYiOiJvbmU6YWxvaGFQYWdlIn0=', // encoded page
    'https://acme.my.salesforce.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/view', // redirects to lightning.force.com
    'https://acme.my.salesforce.com/one/one.app#/sObject/00Q5g00000AbCdEEAZ/view',
    'https://acme.my.salesforce.com/00Q5g00000AbCdE', // Classic
    'https://acme--uat.sandbox.my.salesforce.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/view', // redirects, as above
    'https://acme.my.salesforce-setup.com/lightning/setup/SetupOneHome/home', // Setup
    'https://acme--c.vf.force.com/apex/LeadSummary?id=00Q5g00000AbCdEEAZ', // Visualforce, framed inside Lightning
    'https://acme.my.site.com/s/lead/00Q5g00000AbCdEEAZ', // Experience Cloud site
    'https://acme.staging.lightning.force.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/view', // no such org kind
    'https://acme.lightning.force.com.mcas.ms/lightning/r/Lead/00Q5g00000AbCdEEAZ/view', // a proxy's host
    'https://acme.lightning.force.com.example.net/lightning/r/Lead/00Q5g00000AbCdEEAZ/view', // look-alike host
    'http://acme.lightning.force.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/view', // not https
  ],
};
