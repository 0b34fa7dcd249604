import { Hono } from 'hono';
import { type BatchResult, EngagementEventInput, EventsIngestRequest } from '../../lib/contract/index.ts';
import { authenticate, requireRole } from '../auth.ts';
import { parseBody } from '../body.ts';
import type { AppEnv } from '../env.ts';
import { describeIssues } from '../problem.ts';
import type { Store } from '../store/index.ts';

/**
 * Idempotent by event id: a repeated id is accepted and counted in `duplicates`, never stored twice.
 * An event for an address not yet known creates a lead holding only that address, since marketing
 * automation often sends activity before the contact sync catches up.
 */
export function eventRoutes(store: Store, clock: () => Date) {
  const app = new Hono<AppEnv>();
  app.post('/', authenticate(store.tokens), requireRole(), async (c) => {
    const parsed = await parseBody(c, EventsIngestRequest);
    if (!parsed.ok) return parsed.response;
    const items = parsed.data.events;
    const now = clock().toISOString();
    const result: BatchResult & { duplicates: number } = {
      received: items.length,
      accepted: 0,
      rejected: [],
      duplicates: 0,
    };
    store.transaction(() => {
      items.forEach((item, index) => {
        const event = EngagementEventInput.safeParse(item);
        if (!event.success) {
          result.rejected.push({ index, detail: describeIssues(event.error.issues).detail });
          return;
        }
        const { id: leadId } = store.leads.ensure(event.data.email, now);
        const inserted = store.events.insert(leadId, event.data, now);
        if (inserted && event.data.campaign) store.leads.addCampaignTouch(leadId, event.data.campaign);
        result.accepted++;
        if (!inserted) result.duplicates++;
      });
    });
    return c.json(result);
  });
  return app;
}
