import type { Preset } from './preset.ts';

/**
 * A Salesforce report exported as "Details Only" CSV: field labels as column names, and a footer
 * after a blank line ("Grand Totals (N records)", the confidentiality and copyright lines) that the
 * import drops (footer.ts).
 */
export const salesforceReport: Preset = {
  name: 'salesforce-report',
  label: 'Salesforce report export',
  kind: 'leads',
  examples: [
    '"Lead ID","First Name","Last Name","Title","Company / Account","Email","Lead Status","Lead Source","Industry","Country","Create Date","Lead Owner"',
    '"Contact ID","First Name","Last Name","Title","Account Name","Email","Mailing Country"',
  ],
  requires: ['leadid|contactid', 'email'],
  columns: {
    leadid: 'salesforce_id',
    contactid: 'salesforce_id',
    firstname: 'first_name',
    lastname: 'last_name',
    title: 'title',
    companyaccount: 'company',
    company: 'company',
    accountname: 'company',
    email: 'email',
    leadstatus: 'lifecycle_stage',
    industry: 'industry',
    country: 'region',
    mailingcountry: 'region',
    leadsource: null,
    createdate: null,
    leadowner: null,
    contactowner: null,
  },
  salesforceType: (names) => (names.includes('contactid') ? 'Contact' : 'Lead'),
};
