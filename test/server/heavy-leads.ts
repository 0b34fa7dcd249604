import type { EventType } from '../../lib/contract/index.ts';
import { ingestEvents } from '../../server/import/ingest.ts';
import type { Store } from '../../server/store/index.ts';

const TYPES: readonly EventType[] = [
  'email_open',
  'page_view',
  'email_click',
  'content_download',
  'webinar_registered',
  'webinar_attended',
  'form_submit',
  'ad_click',
  'meeting',
  'demo_request',
];
const TOPICS = ['cost', 'security', 'scale', 'migration', 'compliance'];
const BATCH = 5_000;

export const heavyEmail = (i: number) => `heavy${i}@long-history.example`;

export interface HeavyLeadsOptions {
  leads: number;
  eventsPerLead: number;
  /** Events are spread evenly over the 100 days before this (all young enough to count for the score). */
  now?: number;
  /** A campaign key that every third event names (it need not exist). */
  campaign?: string;
}

/**
 * Leads with long histories, written through the same batch ingest as `POST /v1/engagement/events`
 * (so every table and trigger a real feed touches is touched), 5,000 events per transaction.
 * Returns the leads' addresses. 20 leads × 5,000 events take a few seconds.
 */
export async function seedHeavyLeads(store: Store, options: HeavyLeadsOptions): Promise<string[]> {
  const now = options.now ?? Date.now();
  const span = 100 * 86_400_000;
  const emails = Array.from({ length: options.leads }, (_, i) => heavyEmail(i));
  const received = new Date(now).toISOString();
  let batch: unknown[] = [];
  const flush = async () => {
    await ingestEvents(store, batch, received);
    batch = [];
  };
  for (const [lead, email] of emails.entries()) {
    for (let i = 0; i < options.eventsPerLead; i++) {
      const type = TYPES[(i + lead) % TYPES.length] ?? 'page_view';
      const topic = TOPICS[i % TOPICS.length] ?? 'cost';
      batch.push({
        id: `heavy-${lead}-${i}`,
        email,
        type,
        occurredAt: new Date(now - Math.floor((span * i) / options.eventsPerLead) - 1000).toISOString(),
        ...(options.campaign && i % 3 === 0 ? { campaign: options.campaign } : {}),
        ...(type === 'content_download'
          ? { content: { id: `doc-${i % 40}`, title: `Document ${i % 40}`, topic } }
          : {}),
      });
      if (batch.length === BATCH) await flush();
    }
  }
  if (batch.length > 0) await flush();
  return emails;
}
