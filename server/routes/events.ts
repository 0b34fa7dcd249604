import { Hono } from 'hono';
import { EventsIngestRequest } from '../../lib/contract/index.ts';
import { authenticate, requireRole } from '../auth.ts';
import { parseBody } from '../body.ts';
import type { AppEnv } from '../env.ts';
import { ingestEvents } from '../import/ingest.ts';
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
    return c.json(ingestEvents(store, parsed.data.events, clock().toISOString()));
  });
  return app;
}
