import { z } from 'zod';

/**
 * The parts of HubSpot's answers we read, as its API reference documents them; anything else in a
 * body is ignored. A body that lacks these is refused (HubspotError), not guessed at.
 */

const Millis = z.number().int().nonnegative();

/** `GET /email/public/v1/events`: one event of a marketing email's life (Email Events API). */
export const EmailEvent = z.object({
  id: z.string().min(1),
  created: Millis,
  type: z.string().min(1),
  recipient: z.string().optional(),
  emailCampaignId: z.number().int().optional(),
  url: z.string().optional(),
  subject: z.string().optional(),
});
export type EmailEvent = z.infer<typeof EmailEvent>;

export const EmailEventsPage = z.object({
  events: z.array(EmailEvent),
  hasMore: z.boolean(),
  offset: z.string().optional(),
});

/** `GET /email/public/v1/campaigns/{id}`: the email's name and subject, for the timeline's title. */
export const EmailCampaign = z.object({
  id: z.number().int(),
  name: z.string().optional(),
  subject: z.string().optional(),
});

const Paging = z.object({ next: z.object({ after: z.string().min(1) }).optional() }).optional();

/** `GET /marketing/v3/forms`. */
export const FormsPage = z.object({
  results: z.array(z.object({ id: z.string().min(1), name: z.string(), archived: z.boolean().optional() })),
  paging: Paging,
});

/** `GET /form-integrations/v1/submissions/forms/{formGuid}`: newest first. */
export const Submission = z.object({
  conversionId: z.string().optional(),
  submittedAt: Millis,
  pageUrl: z.string().optional(),
  values: z.array(z.object({ name: z.string(), value: z.string() })),
});
export type Submission = z.infer<typeof Submission>;

export const SubmissionsPage = z.object({ results: z.array(Submission), paging: Paging });

/** `POST /crm/v3/objects/contacts/search`. Property values are text or null. */
export const Contact = z.object({
  id: z.string().min(1),
  properties: z.record(z.string(), z.string().nullable()),
  updatedAt: z.string().optional(),
});
export type Contact = z.infer<typeof Contact>;

export const ContactsPage = z.object({ results: z.array(Contact), paging: Paging });
