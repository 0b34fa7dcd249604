import type { Preset } from './preset.ts';

/**
 * Marketo activities: a bulk activity extract (`marketoGUID,leadId,activityDate,activityTypeId,…`,
 * `null` for empty cells) or a UI export with labels. Rows carry Marketo's lead id, not an address:
 * each is joined to the lead stored with that Marketo id (import the lead extract first).
 */
export const marketoActivities: Preset = {
  name: 'marketo-activities',
  label: 'Marketo activity extract',
  kind: 'events',
  examples: [
    'marketoGUID,leadId,activityDate,activityTypeId,campaignId,primaryAttributeValueId,primaryAttributeValue,attributes',
    'Activity ID,Lead ID,Activity Date,Activity Type,Primary Attribute Value',
  ],
  requires: ['leadid', 'activitydate', 'activitytypeid|activitytype'],
  columns: {
    marketoguid: 'id',
    activityid: 'id',
    leadid: 'marketo_lead_id',
    activitydate: 'occurred_at',
    activitytypeid: 'type',
    activitytype: 'type',
    primaryattributevalueid: 'content_id',
    primaryattributevalue: 'content_title',
    campaignid: null,
    attributes: null,
  },
  nullLiteral: true,
  // Marketo's standard activity type ids and names; the others are skipped.
  eventTypes: {
    '1': 'page_view',
    visitwebpage: 'page_view',
    '2': 'form_submit',
    filloutform: 'form_submit',
    '10': 'email_open',
    openemail: 'email_open',
    '11': 'email_click',
    clickemail: 'email_click',
  },
  unknownTypes: 'skip',
};
