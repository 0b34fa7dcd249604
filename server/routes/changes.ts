import { type ChangesPage, routes } from '../../lib/contract/index.ts';
import { handle } from '../router/handle.ts';
import type { Store } from '../store/index.ts';

/**
 * What changed among talking points and campaigns since a cursor, oldest first. Without `since`
 * the answer is only the current cursor, so a new client starts at "now" (it has just fetched
 * everything it needs by lookup) instead of replaying history.
 */
export function changesRoutes(store: Store) {
  return [
    handle(routes.changes, async (c, { query }) => {
      const { since, limit } = query;
      const body: ChangesPage =
        since === undefined
          ? { changes: [], cursor: String(await store.changes.latest()), hasMore: false }
          : await store.changes.page(Number(since), limit);
      c.header('Cache-Control', 'no-store');
      return c.json(body);
    }),
  ];
}
