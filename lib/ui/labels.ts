import type { LifecycleStage, Segments } from '../contract/common.ts';
import type { EventType } from '../contract/events.ts';
import { FeedbackReason } from '../contract/feedback.ts';
import type { PageLead } from '../messages.ts';
import { t } from './i18n.ts';
import { messageKey } from './message-key.ts';

export function stageLabel(stage: LifecycleStage): string {
  return t(messageKey('stage', stage));
}

export const SEGMENT_ORDER: readonly (keyof Segments)[] = ['industry', 'persona', 'region'];

export function segmentLabel(segment: keyof Segments): string {
  return t(messageKey('segment', segment));
}

/** What the lead did; reads alone ("Meeting") or before the content's title ("Downloaded Cloud Cost Playbook"). */
export function eventVerb(type: EventType): string {
  return t(messageKey('event', type));
}

/** The kind of event as a count's label: "Email opens: 4". */
export function eventCountLabel(type: EventType): string {
  return t(messageKey('count', type));
}

/** Reasons are offered and listed in the contract's order. */
export const REASON_ORDER: readonly FeedbackReason[] = FeedbackReason.options;

export function reasonLabel(reason: FeedbackReason): string {
  return t(messageKey('reason', reason));
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
