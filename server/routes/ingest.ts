import { routes } from '../../lib/contract/index.ts';
import { ingestEvents, ingestLeads } from '../import/ingest.ts';
import { handle } from '../router/handle.ts';
import type { Store } from '../store/index.ts';

/** The ids of a batch's items, as sent (the ones that are not events are refused by the ingest anyway). */
const idsOf = (items: readonly unknown[]) =>
  items.flatMap((item) => {
    const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? [id] : [];
  });

/**
 * Batches from marketing automation. Each item is checked on its own: good ones are kept, bad ones
 * reported by index. Leads are upserted by email. Events are idempotent by id (a repeated id is
 * counted in `duplicates`, never stored twice), and an event for an address not yet known creates
 * a lead holding only that address, since marketing automation often sends activity before the
 * contact sync catches up. Each lead the batch stored an event for is recorded once as lead
 * activity, which open streams send on (a batch of repeats records none).
 */
export function ingestRoutes(store: Store, clock: () => Date) {
  return [
    handle(routes.upsertLeads, async (c, { body }) =>
      c.json(await ingestLeads(store, body.leads, clock().toISOString())),
    ),
    handle(routes.ingestEvents, async (c, { body }) => {
      const now = clock().toISOString();
      const result = await ingestEvents(store, body.events, now);
      // After the batch's commit, in a short transaction of its own: a sidebar told of the lead reads
      // what is committed, and the batch holds no lock for it. Lost in a crash between the two, the
      // news is late only: an open sidebar revalidates its lead within 30 s anyway.
      if (result.accepted > result.duplicates) await store.leadActivity.recordStoredEvents(idsOf(body.events), now);
      return c.json(result);
    }),
  ];
}
