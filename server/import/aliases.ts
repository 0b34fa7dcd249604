import type { EventField, LeadField } from './columns.ts';

/**
 * Column names that mean a field whatever tool wrote the file, compared normalised (`normaliseName`:
 * `E-mail Address` is `emailaddress`). The fields' own names (`lifecycle_stage`) match too.
 */
export const LEAD_ALIASES: Readonly<Record<string, LeadField>> = {
  email: 'email',
  emailaddress: 'email',
  mail: 'email',
  fullname: 'name',
  contactname: 'name',
  firstname: 'first_name',
  givenname: 'first_name',
  lastname: 'last_name',
  surname: 'last_name',
  familyname: 'last_name',
  companyname: 'company',
  account: 'company',
  accountname: 'company',
  organization: 'company',
  organisation: 'company',
  jobtitle: 'title',
  position: 'title',
  stage: 'lifecycle_stage',
  lifecycle: 'lifecycle_stage',
  country: 'region',
  countryregion: 'region',
  campaign: 'campaigns',
  sfdcid: 'salesforce_id',
  salesforcerecordid: 'salesforce_id',
  hubspotcontactid: 'hubspot_id',
  hsobjectid: 'hubspot_id',
  marketoleadid: 'marketo_id',
};

export const EVENT_ALIASES: Readonly<Record<string, EventField>> = {
  eventid: 'id',
  activityid: 'id',
  marketoguid: 'id',
  emailaddress: 'email',
  recipient: 'email',
  leadid: 'marketo_lead_id',
  eventtype: 'type',
  activitytype: 'type',
  activitytypeid: 'type',
  timestamp: 'occurred_at',
  date: 'occurred_at',
  created: 'occurred_at',
  createdat: 'occurred_at',
  activitydate: 'occurred_at',
  url: 'content_url',
};
