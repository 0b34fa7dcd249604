import type { MappingTarget } from '../../lib/contract/index.ts';

/** `Form Submitted`, `form_submitted` and `formSubmitted` are one name. */
export const normaliseName = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

const entries = (targets: Record<MappingTarget, readonly string[]>) =>
  new Map(
    Object.entries(targets).flatMap(([target, names]) => names.map((n) => [normaliseName(n), target as MappingTarget])),
  );

/**
 * What event names become when the source's own mapping does not name them: Segment's spec (the
 * Email spec's events, page calls) and the usual B2B track names, and Mautic's webhook types. An
 * email click from Mautic arrives as a page hit whose source is the email: `mautic.page_on_hit.email`.
 * HubSpot's pulled items are named `hubspot.email.<TYPE>` and `hubspot.form_submission`.
 * Delivery and list hygiene (sent, delivered, bounced, unsubscribed) are known and not engagement.
 */
export const DEFAULT_MAPPING: ReadonlyMap<string, MappingTarget> = entries({
  email_open: ['Email Opened', 'mautic.email_on_open', 'hubspot.email.OPEN'],
  email_click: ['Email Link Clicked', 'mautic.page_on_hit.email', 'hubspot.email.CLICK'],
  page_view: ['page', 'mautic.page_on_hit'],
  content_download: [
    'Content Downloaded',
    'Asset Downloaded',
    'File Downloaded',
    'Whitepaper Downloaded',
    'Ebook Downloaded',
    'Download',
  ],
  webinar_registered: ['Webinar Registered', 'Registered for Webinar'],
  webinar_attended: ['Webinar Attended', 'Attended Webinar'],
  form_submit: ['Form Submitted', 'Form Submit', 'mautic.form_on_submit', 'hubspot.form_submission'],
  event_attended: ['Event Attended'],
  meeting: ['Meeting Booked', 'Meeting Scheduled'],
  demo_request: ['Demo Requested', 'Demo Request', 'Requested Demo'],
  trial_signup: ['Trial Started', 'Trial Signup', 'Signed Up'],
  ad_click: ['Ad Clicked'],
  ignore: [
    'Email Delivered',
    'Email Sent',
    'Email Bounced',
    'Email Marked as Spam',
    'Unsubscribed',
    'Email Unsubscribed',
    'screen',
    'group',
    'alias',
    'mautic.email_on_send',
    'mautic.lead_points_change',
  ],
});

/** The source's own entry for `name`, else the default; undefined when neither knows it. */
export function resolveMapping(name: string, own: Readonly<Record<string, MappingTarget>>): MappingTarget | undefined {
  const wanted = normaliseName(name);
  for (const [ownName, target] of Object.entries(own)) if (normaliseName(ownName) === wanted) return target;
  return DEFAULT_MAPPING.get(wanted);
}
