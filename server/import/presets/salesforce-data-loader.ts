import type { Preset } from './preset.ts';

/**
 * Salesforce Data Loader (or Workbench) extracts of Lead or Contact: API field names as column
 * names, upper-cased by Data Loader (`"ID","FIRSTNAME"`), as written in the query by others.
 */
export const salesforceDataLoader: Preset = {
  name: 'salesforce-data-loader',
  label: 'Salesforce Data Loader extract',
  kind: 'leads',
  examples: [
    '"ID","FIRSTNAME","LASTNAME","EMAIL","TITLE","COMPANY","STATUS","LEADSOURCE","INDUSTRY","COUNTRY","CREATEDDATE"',
    'Id,FirstName,LastName,Email,Title,Company,Status',
    '"ID","ACCOUNTID","FIRSTNAME","LASTNAME","EMAIL","TITLE","CREATEDDATE"',
  ],
  requires: ['id', 'email', 'firstname|lastname'],
  anyOf: ['company', 'accountid', 'status', 'createddate', 'lastmodifieddate', 'leadsource'],
  columns: {
    id: 'salesforce_id',
    firstname: 'first_name',
    lastname: 'last_name',
    email: 'email',
    title: 'title',
    company: 'company',
    status: 'lifecycle_stage',
    industry: 'industry',
    country: 'region',
    accountid: null,
    leadsource: null,
    createddate: null,
    lastmodifieddate: null,
  },
  salesforceType: (names) => (names.includes('company') || names.includes('status') ? 'Lead' : 'Contact'),
};
