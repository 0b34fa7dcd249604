import { Hono } from 'hono';
import { type ChangesPage, ChangesQuery } from '../../lib/contract/index.ts';
import { authenticate, requireRole } from '../auth.ts';
import type { AppEnv } from '../env.ts';
import type { Store } from '../store/index.ts';
import { parseQuery } from './support/query.ts';

/**
 * What changed among talking points and campaigns since a cursor, oldest first. Without `since`
 * the answer is only the current cursor, so a new client starts at "now" (it has just fetched
 * everything it needs by lookup) instead of replaying history.
 */
export function changesRoutes(store: Store) {
  const app = new Hono<AppEnv>();
  app.get('/', authenticate(store.tokens), requireRole('rep', 'marketer'), (c) => {
    const query = parseQuery(c, ChangesQuery);
    if (!query.ok) return query.response;
    const { since, limit } = query.data;
    const body: ChangesPage =
      since === undefined
        ? { changes: [], cursor: String(store.changes.latest()), hasMore: false }
        : store.changes.page(Number(since), limit);
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  });
  return app;
}
