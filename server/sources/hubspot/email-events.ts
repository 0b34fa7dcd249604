import { HubspotError } from './api.ts';
import { HUBSPOT_NAMES } from './map.ts';
import { hubspotKey, type PullRun } from './run.ts';
import { EmailCampaign, type EmailEvent, EmailEventsPage } from './shapes.ts';

const PAGE = 1000;
const ENGAGEMENT = new Set(['OPEN', 'CLICK']);

/** The email's subject (else its name) for the timeline; null when HubSpot will not say. */
async function subjectOf(run: PullRun, id: number, cache: Map<number, string | null>): Promise<string | null> {
  if (cache.has(id)) return cache.get(id) ?? null;
  let subject: string | null = null;
  try {
    const campaign = await run.api.get(`/email/public/v1/campaigns/${id}`, {}, EmailCampaign);
    subject = campaign.subject ?? campaign.name ?? null;
  } catch (error) {
    if (error instanceof HubspotError && error.status === 401) throw error;
  }
  cache.set(id, subject);
  return subject;
}

/** Opens and clicks keep what the timeline shows; other types only what counting them needs. */
async function itemOf(run: PullRun, event: EmailEvent, cache: Map<number, string | null>) {
  const kept = ENGAGEMENT.has(event.type)
    ? {
        ...event,
        subject:
          event.subject ??
          (event.emailCampaignId === undefined ? undefined : await subjectOf(run, event.emailCampaignId, cache)),
      }
    : { id: event.id, created: event.created, type: event.type };
  return { key: hubspotKey('email', event.created, event.id), name: HUBSPOT_NAMES.email(event.type), payload: kept };
}

/**
 * Marketing email events from the Email Events API, from the cursor's `since`, page by page with
 * HubSpot's `offset`. The run's newest `created` becomes the next run's start (plus 1 ms).
 */
export async function pullEmailEvents(run: PullRun): Promise<void> {
  const cache = new Map<number, string | null>();
  const at = run.cursor.email;
  for (;;) {
    const page = await run.api.get(
      '/email/public/v1/events',
      { startTimestamp: at.since, offset: at.offset, limit: PAGE },
      EmailEventsPage,
    );
    const items = [];
    for (const event of page.events) items.push(await itemOf(run, event, cache));
    await run.deliver(items);
    const newest = Math.max(at.newest ?? at.since - 1, ...page.events.map((e) => e.created));
    const more = page.hasMore && page.offset !== undefined && page.events.length > 0;
    if (more) {
      at.offset = page.offset;
      at.newest = newest;
    } else {
      at.since = newest + 1;
      delete at.offset;
      delete at.newest;
    }
    await run.save();
    if (!more) return;
  }
}
