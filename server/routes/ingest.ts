import { routes } from '../../lib/contract/index.ts';
import { ingestEvents, ingestLeads } from '../import/ingest.ts';
import { handle } from '../router/handle.ts';
import type { Store } from '../store/index.ts';

/**
 * Batches from marketing automation. Each item is checked on its own: good ones are kept, bad ones
 * reported by index. Leads are upserted by email. Events are idempotent by id (a repeated id is
 * counted in `duplicates`, never stored twice), and an event for an address not yet known creates
 * a lead holding only that address, since marketing automation often sends activity before the
 * contact sync catches up.
 */
export function ingestRoutes(store: Store, clock: () => Date) {
  return [
    handle(routes.upsertLeads, async (c, { body }) =>
      c.json(await ingestLeads(store, body.leads, clock().toISOString())),
    ),
    handle(routes.ingestEvents, async (c, { body }) =>
      c.json(await ingestEvents(store, body.events, clock().toISOString())),
    ),
  ];
}
