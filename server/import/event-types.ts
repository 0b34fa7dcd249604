import type { EventType } from '../../lib/contract/index.ts';
import { normaliseName } from './columns.ts';

/**
 * Event type values any file may use, normalised: ours (`email_open`) and HubSpot's email event
 * types. `null`: not an engagement (a send, a delivery, a bounce); such rows are skipped and counted.
 */
export const EVENT_TYPES: Readonly<Record<string, EventType | null>> = {
  emailopen: 'email_open',
  emailclick: 'email_click',
  pageview: 'page_view',
  contentdownload: 'content_download',
  webinarregistered: 'webinar_registered',
  webinarattended: 'webinar_attended',
  formsubmit: 'form_submit',
  eventattended: 'event_attended',
  meeting: 'meeting',
  demorequest: 'demo_request',
  trialsignup: 'trial_signup',
  adclick: 'ad_click',
  // HubSpot email events
  open: 'email_open',
  click: 'email_click',
  sent: null,
  delivered: null,
  processed: null,
  deferred: null,
  bounce: null,
  dropped: null,
  spamreport: null,
  statuschange: null,
  unbounce: null,
  forward: null,
  print: null,
  suppressed: null,
};

export type TypeReading = { type: EventType } | { skip: true } | { unknown: true };

export function readEventType(
  value: string,
  own: Readonly<Record<string, EventType | null>> = {},
  unknown: 'skip' | 'reject' = 'reject',
): TypeReading {
  const key = normaliseName(value);
  const found = key in own ? own[key] : EVENT_TYPES[key];
  if (found) return { type: found };
  if (found === null || unknown === 'skip') return { skip: true };
  return { unknown: true };
}
