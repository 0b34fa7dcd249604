import type { Preset } from './preset.ts';

/**
 * HubSpot email events (the email events API's fields, as export tools flatten them): `created` in
 * epoch milliseconds, `type` OPEN, CLICK, DELIVERED, … and the recipient's address.
 */
export const hubspotEmailEvents: Preset = {
  name: 'hubspot-email-events',
  label: 'HubSpot email events export',
  kind: 'events',
  examples: [
    'id,created,type,recipient,portalId,appId,appName,emailCampaignId,sentBy.id,url',
    'Event ID,Recipient,Type,Created,Email campaign ID,URL',
  ],
  requires: ['recipient', 'type', 'created'],
  columns: {
    id: 'id',
    eventid: 'id',
    recipient: 'email',
    type: 'type',
    created: 'occurred_at',
    url: 'content_url',
    portalid: null,
    appid: null,
    appname: null,
    emailcampaignid: null,
    sentbyid: null,
  },
};
