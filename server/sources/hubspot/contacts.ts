import { HUBSPOT_NAMES, HUBSPOT_STAGE_VALUES } from './map.ts';
import { hubspotKey, type PullRun } from './run.ts';
import { ContactsPage } from './shapes.ts';

const PAGE = 100;
/** CRM search pages no further than 10,000 results: before that, start a new search from the last seen. */
const SEARCH_WINDOW = 9_900;

const PROPERTIES = [
  'email',
  'firstname',
  'lastname',
  'jobtitle',
  'company',
  'lifecyclestage',
  'lastmodifieddate',
  ...HUBSPOT_STAGE_VALUES.map((v) => `hs_lifecyclestage_${v}_date`),
];

const millisOf = (value: string | null | undefined) => {
  const ms = value ? (/^\d+$/.test(value) ? Number(value) : Date.parse(value)) : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms;
};

/**
 * Contacts with a lifecycle stage modified since the cursor (CRM search, oldest first), each an
 * upsert of the lead with its stage and its HubSpot id. Keyed by contact and modification time, so
 * a contact changed again is taken again.
 */
export async function pullContacts(run: PullRun): Promise<void> {
  const at = run.cursor.contacts;
  for (;;) {
    const page = await run.api.post(
      '/crm/v3/objects/contacts/search',
      {
        filterGroups: [
          {
            filters: [
              { propertyName: 'lastmodifieddate', operator: 'GTE', value: String(at.since) },
              { propertyName: 'lifecyclestage', operator: 'HAS_PROPERTY' },
            ],
          },
        ],
        sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
        properties: PROPERTIES,
        limit: PAGE,
        ...(at.after ? { after: at.after } : {}),
      },
      ContactsPage,
    );
    await run.deliver(
      page.results.map((c) => ({
        key: hubspotKey('contact', c.id, c.properties.lastmodifieddate ?? c.updatedAt ?? ''),
        name: HUBSPOT_NAMES.contact,
        payload: c,
      })),
    );
    const seen = page.results.map((c) => millisOf(c.properties.lastmodifieddate ?? c.updatedAt));
    const last = Math.max(at.newest ?? at.since - 1, ...seen.filter((ms): ms is number => ms !== undefined));
    const next = page.paging?.next?.after;
    if (next !== undefined && Number(next) >= SEARCH_WINDOW) {
      at.since = last;
      delete at.after;
      delete at.newest;
    } else if (next !== undefined) {
      at.after = next;
      at.newest = last;
    } else {
      at.since = last + 1;
      delete at.after;
      delete at.newest;
    }
    await run.save();
    if (next === undefined) return;
  }
}
