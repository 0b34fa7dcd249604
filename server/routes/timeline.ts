import { routes, type TimelinePage } from '../../lib/contract/index.ts';
import { problem } from '../problem.ts';
import { handle } from '../router/handle.ts';
import type { Store } from '../store/index.ts';
import { parseCursor } from './support/query.ts';

/** `GET /v1/leads/events`: a lead's timeline, newest first, in pages keyed by (occurredAt, id). */
export function timelineRoutes(store: Store) {
  return [
    handle(routes.timelinePage, async (c, { query }) => {
      const before = parseCursor(c, query.before, 'number', 'before');
      if (!before.ok) return before.response;
      const lead = await store.leads.find({ emailHash: query.emailHash });
      if (!lead) return problem(c, 404, 'not-found', 'No lead has that emailHash.');
      const body: TimelinePage = await store.events.page(lead.id, before.data, query.limit);
      c.header('Cache-Control', 'no-store');
      return c.json(body);
    }),
  ];
}
