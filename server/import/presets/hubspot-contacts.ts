import type { Preset } from './preset.ts';

/** HubSpot → Contacts → Export (all properties or the view's columns), labels as column names. */
export const hubspotContacts: Preset = {
  name: 'hubspot-contacts',
  label: 'HubSpot contacts export',
  kind: 'leads',
  examples: [
    'Record ID,First Name,Last Name,Email,Phone Number,Lifecycle Stage,Contact owner,Create Date,Last Activity Date,Lead Status,Marketing contact status,Company Name,Job Title,Associated Company',
    '"Record ID","First Name","Last Name","Email","Company Name","Job Title","Lifecycle Stage"',
    'Record ID;First Name;Last Name;Email;Lifecycle Stage',
  ],
  requires: ['recordid', 'email'],
  columns: {
    recordid: 'hubspot_id',
    firstname: 'first_name',
    lastname: 'last_name',
    email: 'email',
    companyname: 'company',
    jobtitle: 'title',
    lifecyclestage: 'lifecycle_stage',
    industry: 'industry',
    persona: 'persona',
    countryregion: 'region',
    // The company record's name when Company Name is empty is not the contact's own field.
    associatedcompany: null,
    leadstatus: null,
  },
};
