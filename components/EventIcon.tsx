import type { EventType } from '../lib/contract/events.ts';

/** A glyph per kind of event; decorative, as the verb beside it says the same in words. */
const GLYPH: Record<EventType, string> = {
  email_open: '✉',
  email_click: '➚',
  page_view: '◉',
  content_download: '⤓',
  webinar_registered: '✎',
  webinar_attended: '▶',
  form_submit: '☑',
  event_attended: '★',
  meeting: '☎',
  demo_request: '◆',
  trial_signup: '⚑',
  ad_click: '⌖',
};

export function EventIcon({ type }: { type: EventType }) {
  return (
    <span className={`cf-icon cf-icon--${type}`} aria-hidden="true">
      {GLYPH[type]}
    </span>
  );
}
