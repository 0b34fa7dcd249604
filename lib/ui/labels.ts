import type { LifecycleStage } from '../contract/common.ts';
import type { EventType } from '../contract/events.ts';
import type { PageLead } from '../messages.ts';

export const STAGE_LABEL: Record<LifecycleStage, string> = {
  subscriber: 'Subscriber',
  lead: 'Lead',
  mql: 'MQL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  customer: 'Customer',
};

/** What the lead did; reads alone ("Meeting") or before the content's title ("Downloaded Cloud Cost Playbook"). */
export const EVENT_VERB: Record<EventType, string> = {
  email_open: 'Opened email',
  email_click: 'Clicked email link',
  page_view: 'Viewed page',
  content_download: 'Downloaded',
  webinar_registered: 'Registered for webinar',
  webinar_attended: 'Attended webinar',
  form_submit: 'Submitted form',
  event_attended: 'Attended event',
  meeting: 'Meeting',
  demo_request: 'Requested a demo',
  trial_signup: 'Started a trial',
  ad_click: 'Clicked ad',
};

const CRM_LABEL = { salesforce: 'Salesforce', hubspot: 'HubSpot' } as const;

/** How a lead found on the page is named to the rep: its address, else its CRM record. */
export function pageLeadIdentifier(lead: PageLead): string {
  if (lead.email) return lead.email;
  if (lead.crmRef) return `${CRM_LABEL[lead.crmRef.system]} ${lead.crmRef.objectType} ${lead.crmRef.id}`;
  return 'This lead';
}

/** "Dana Lee · dana@acme.com", or whichever part the page shows. */
export function pageLeadLabel(lead: PageLead): string {
  const identifier = pageLeadIdentifier(lead);
  return lead.name ? `${lead.name} · ${identifier}` : identifier;
}
