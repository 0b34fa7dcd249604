import { Hono } from 'hono';
import { type TimelinePage, TimelinePageQuery } from '../../lib/contract/index.ts';
import { authenticate, requireRole } from '../auth.ts';
import type { AppEnv } from '../env.ts';
import { problem } from '../problem.ts';
import type { Store } from '../store/index.ts';
import { parseCursor, parseQuery } from './support/query.ts';

/** `GET /v1/leads/events`: a lead's timeline, newest first, in pages keyed by (occurredAt, id). */
export function timelineRoutes(store: Store) {
  const app = new Hono<AppEnv>();
  app.get('/', authenticate(store.tokens), requireRole('rep', 'marketer'), (c) => {
    const query = parseQuery(c, TimelinePageQuery);
    if (!query.ok) return query.response;
    const before = parseCursor(c, query.data.before, 'number', 'before');
    if (!before.ok) return before.response;
    const lead = store.leads.find({ emailHash: query.data.emailHash });
    if (!lead) return problem(c, 404, 'not-found', 'No lead has that emailHash.');
    const body: TimelinePage = store.events.page(lead.id, before.data, query.data.limit);
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  });
  return app;
}
