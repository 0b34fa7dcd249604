import type { Preset } from './preset.ts';

/**
 * Mautic → Contacts → Export as CSV: field aliases as column names, every cell quoted, a UTF-8
 * BOM; `;`-separated once re-saved by a European Excel.
 */
export const mauticContacts: Preset = {
  name: 'mautic-contacts',
  label: 'Mautic contacts export',
  kind: 'leads',
  examples: [
    '"id","title","firstname","lastname","company","position","email","mobile","phone","points","fax","address1","address2","city","state","zipcode","country","preferred_locale","timezone","last_active","attribution_date","attribution","website","facebook","foursquare","instagram","linkedin","skype","twitter","stage","date_added","date_identified","tags"',
    '"id";"firstname";"lastname";"email";"company";"position";"points";"stage"',
  ],
  requires: ['id', 'email', 'points'],
  anyOf: ['firstname', 'lastname', 'position', 'dateidentified', 'lastactive'],
  columns: {
    id: null,
    title: null,
    firstname: 'first_name',
    lastname: 'last_name',
    company: 'company',
    position: 'title',
    email: 'email',
    country: 'region',
    stage: 'lifecycle_stage',
    points: null,
  },
};
