import type { LifecycleStage, Segments } from '../contract/common.ts';
import type { EventType } from '../contract/events.ts';
import type { FeedbackReason } from '../contract/feedback.ts';
import type { PageLead } from '../messages.ts';
import { type MessageKey, t } from './i18n.ts';

const STAGE_KEY: Record<LifecycleStage, MessageKey> = {
  subscriber: 'stageSubscriber',
  lead: 'stageLead',
  mql: 'stageMql',
  sql: 'stageSql',
  opportunity: 'stageOpportunity',
  customer: 'stageCustomer',
};

export function stageLabel(stage: LifecycleStage): string {
  return t(STAGE_KEY[stage]);
}

const SEGMENT_KEY: Record<keyof Segments, MessageKey> = {
  industry: 'segmentIndustry',
  persona: 'segmentPersona',
  region: 'segmentRegion',
};

export const SEGMENT_ORDER: readonly (keyof Segments)[] = ['industry', 'persona', 'region'];

export function segmentLabel(segment: keyof Segments): string {
  return t(SEGMENT_KEY[segment]);
}

/** What the lead did; reads alone ("Meeting") or before the content's title ("Downloaded Cloud Cost Playbook"). */
const EVENT_VERB_KEY: Record<EventType, MessageKey> = {
  email_open: 'eventEmailOpen',
  email_click: 'eventEmailClick',
  page_view: 'eventPageView',
  content_download: 'eventContentDownload',
  webinar_registered: 'eventWebinarRegistered',
  webinar_attended: 'eventWebinarAttended',
  form_submit: 'eventFormSubmit',
  event_attended: 'eventEventAttended',
  meeting: 'eventMeeting',
  demo_request: 'eventDemoRequest',
  trial_signup: 'eventTrialSignup',
  ad_click: 'eventAdClick',
};

export function eventVerb(type: EventType): string {
  return t(EVENT_VERB_KEY[type]);
}

/** The kind of event as a count's label: "Email opens: 4". */
const EVENT_COUNT_KEY: Record<EventType, MessageKey> = {
  email_open: 'countEmailOpen',
  email_click: 'countEmailClick',
  page_view: 'countPageView',
  content_download: 'countContentDownload',
  webinar_registered: 'countWebinarRegistered',
  webinar_attended: 'countWebinarAttended',
  form_submit: 'countFormSubmit',
  event_attended: 'countEventAttended',
  meeting: 'countMeeting',
  demo_request: 'countDemoRequest',
  trial_signup: 'countTrialSignup',
  ad_click: 'countAdClick',
};

export function eventCountLabel(type: EventType): string {
  return t(EVENT_COUNT_KEY[type]);
}

const REASON_KEY: Record<FeedbackReason, MessageKey> = {
  not_relevant: 'reasonNotRelevant',
  wrong_persona: 'reasonWrongPersona',
  outdated: 'reasonOutdated',
  competitor: 'reasonCompetitor',
  pricing: 'reasonPricing',
  tone: 'reasonTone',
  other: 'reasonOther',
};

export const REASON_ORDER: readonly FeedbackReason[] = [
  'not_relevant',
  'wrong_persona',
  'outdated',
  'competitor',
  'pricing',
  'tone',
  'other',
];

export function reasonLabel(reason: FeedbackReason): string {
  return t(REASON_KEY[reason]);
}

const CRM_LABEL = { salesforce: 'Salesforce', hubspot: 'HubSpot' } as const;

/** How a lead found on the page is named to the rep: its address, else its CRM record. */
export function pageLeadIdentifier(lead: PageLead): string {
  if (lead.email) return lead.email;
  if (lead.crmRef) return `${CRM_LABEL[lead.crmRef.system]} ${lead.crmRef.objectType} ${lead.crmRef.id}`;
  return t('thisLead');
}

/** "Dana Lee · dana@acme.com", or whichever part the page shows. */
export function pageLeadLabel(lead: PageLead): string {
  const identifier = pageLeadIdentifier(lead);
  return lead.name ? `${lead.name} · ${identifier}` : identifier;
}
