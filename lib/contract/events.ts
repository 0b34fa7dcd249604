import { z } from 'zod';
import { displayText, Email, HttpUrl, Key, PastInstant } from './common.ts';
import { MAX_BATCH } from './leads.ts';

export const EventType = z.enum([
  'email_open',
  'email_click',
  'page_view',
  'content_download',
  'webinar_registered',
  'webinar_attended',
  'form_submit',
  'event_attended',
  'meeting',
  'demo_request',
  'trial_signup',
  'ad_click',
]);
export type EventType = z.infer<typeof EventType>;

/**
 * Event types that may happen without the lead doing anything (mail privacy features open every
 * message): the endpoint weighs them least and the sidebar marks them (docs/scoring.md).
 */
export const WEAK_SIGNAL_TYPES: ReadonlySet<EventType> = new Set<EventType>(['email_open']);

export const isWeakSignal = (type: EventType): boolean => WEAK_SIGNAL_TYPES.has(type);

export const Content = z.strictObject({
  id: Key,
  title: displayText(300),
  url: HttpUrl.optional(),
  topic: displayText(80).optional(),
});
export type Content = z.infer<typeof Content>;

export const EngagementEventInput = z.strictObject({
  id: z.string().min(1).max(200),
  email: Email,
  type: EventType,
  occurredAt: PastInstant,
  content: Content.optional(),
  campaign: Key.optional(),
});
export type EngagementEventInput = z.infer<typeof EngagementEventInput>;

/** `POST /v1/engagement/events`: idempotent by event id. */
export const EventsIngestRequest = z.strictObject({
  events: z.array(z.unknown()).min(1).max(MAX_BATCH),
});
