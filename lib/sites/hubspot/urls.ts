// Where a HubSpot URL is: its app hosts, its record views, and example URLs (gotchas included).
import type { Examples } from '../types.ts';

// HubSpot's app hosts by data-hosting location, listed rather than *.hubspot.com so the marketing site
// is not ours to read: the `uiDomain` HubSpot reports for an account is `app` for na1 (US), and
// `app-<location>` for eu1 (Germany), na2 (US), na3 (Canada) and ap1 (Australia).
export const MATCHES = [
  'https://app.hubspot.com/*',
  'https://app-eu1.hubspot.com/*',
  'https://app-na2.hubspot.com/*',
  'https://app-na3.hubspot.com/*',
  'https://app-ap1.hubspot.com/*',
];

export type ObjectType = 'contact' | 'company' | 'deal';
const OBJECT_TYPE_IDS: Record<string, ObjectType> = { '0-1': 'contact', '0-2': 'company', '0-3': 'deal' };

// `app.hubspot.com` and the regional data centres: `app-eu1`, `app-na2`, `app-ap1`, …
const HOST = /^app(?:-[a-z]{2}\d)?\.hubspot\.com$/;
const RECORD_PATH = /^\/contacts\/\d+\/record\/(0-[123])\/(\d+)(?:\/.*)?$/;
const LEGACY_PATH = /^\/contacts\/\d+\/(contact|company|deal)\/(\d+)(?:\/.*)?$/;
/** The contact a link on the page points to. */
export const CONTACT_HREF = /\/contacts\/\d+\/(?:record\/0-1|contact)\/(\d+)(?:[/?#]|$)/;

export interface RecordRef {
  objectType: ObjectType;
  id: string;
}
/**
 * Contact (0-1) pages are one lead. Company (0-2) and deal (0-3) pages are read like Salesforce
 * Accounts and Opportunities: each associated contact the page shows. Tickets (0-5), custom
 * objects (2-…) and everything else show no lead.
 */
export function recordOf(url: URL): RecordRef | null {
  if (url.protocol !== 'https:' || !HOST.test(url.hostname)) return null;
  const modern = RECORD_PATH.exec(url.pathname);
  if (modern?.[1] && modern[2]) {
    const objectType = OBJECT_TYPE_IDS[modern[1]];
    return objectType ? { objectType, id: modern[2] } : null;
  }
  const legacy = LEGACY_PATH.exec(url.pathname);
  if (legacy?.[1] && legacy[2]) return { objectType: legacy[1] as ObjectType, id: legacy[2] };
  return null;
}

export function matchUrl(url: URL): 'record' | null {
  return recordOf(url) === null ? null : 'record';
}

/** The views `matchUrl` answers. */
export const VIEWS: readonly 'record'[] = ['record'];

export const examples: Examples<'record'> = {
  record: [
    'https://app.hubspot.com/contacts/2214431/record/0-1/751',
    'https://app.hubspot.com/contacts/2214431/record/0-1/98765432101',
    'https://app.hubspot.com/contacts/2214431/record/0-1/751/view/1', // a tab of the record
    'https://app.hubspot.com/contacts/2214431/record/0-1/751?interaction=note',
    'https://app-eu1.hubspot.com/contacts/143990812/record/0-1/3120', // EU data centre
    'https://app-na2.hubspot.com/contacts/243990812/record/0-1/3120',
    'https://app-na3.hubspot.com/contacts/343328749/record/0-1/3120',
    'https://app-ap1.hubspot.com/contacts/343990812/record/0-1/3120',
    'https://app.hubspot.com/contacts/2214431/contact/751', // legacy
    'https://app.hubspot.com/contacts/2214431/record/0-2/9201', // company: its associated contacts
    'https://app.hubspot.com/contacts/2214431/record/0-3/5501', // deal: its associated contacts
    'https://app.hubspot.com/contacts/2214431/company/9201', // legacy company
  ],
  none: [
    'https://app.hubspot.com/contacts/2214431/objects/0-1/views/all/list',
    'https://app.hubspot.com/contacts/2214431/objects/0-1/views/all/list?preview=751', // preview panel over a list
    'https://app.hubspot.com/contacts/2214431/objects/0-2/views/all/list',
    'https://app.hubspot.com/contacts/2214431/record/0-5/8801', // ticket: service, not sales
    'https://app.hubspot.com/contacts/2214431/record/2-3456789/12', // custom object
    'https://app.hubspot.com/contacts/2214431/record/0-1/', // no id
    'https://app.hubspot.com/contacts/2214431/record/0-1/new',
    'https://app.hubspot.com/settings/2214431/properties',
    'https://app.hubspot.com/reports-dashboard/2214431/view/9912',
    'https://app.hubspot.com/live-messages/2214431/inbox/1234567',
    'https://app.hubspot.com/sales/2214431/prospecting',
    'https://app.hubspot.com/',
    'https://www.hubspot.com/products/crm',
    'https://app-eu1.hubspot.com.example.net/contacts/1/record/0-1/2', // look-alike host
    'https://app-europe.hubspot.com/contacts/1/record/0-1/2', // not a data-centre host
    'http://app.hubspot.com/contacts/2214431/record/0-1/751', // not https
  ],
};
