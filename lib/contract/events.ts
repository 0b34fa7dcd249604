import { z } from 'zod';
import { Email, HttpUrl, Key, Timestamp } from './common.ts';
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

export const Content = z.strictObject({
  id: Key,
  title: z.string().trim().min(1).max(300),
  url: HttpUrl.optional(),
  topic: z.string().trim().min(1).max(80).optional(),
});
export type Content = z.infer<typeof Content>;

export const EngagementEventInput = z.strictObject({
  id: z.string().min(1).max(200),
  email: Email,
  type: EventType,
  occurredAt: Timestamp,
  content: Content.optional(),
  campaign: Key.optional(),
});
export type EngagementEventInput = z.infer<typeof EngagementEventInput>;

/** `POST /v1/engagement/events`: idempotent by event id. */
export const EventsIngestRequest = z.strictObject({
  events: z.array(z.unknown()).min(1).max(MAX_BATCH),
});
