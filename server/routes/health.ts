import { type Health, type Readiness, routes } from '../../lib/contract/index.ts';
import { SCHEMA_VERSION, schemaVersionOf } from '../db/schema-version.ts';
import type { Lifecycle } from '../lifecycle.ts';
import { problem } from '../problem.ts';
import { handle } from '../router/handle.ts';
import type { Store } from '../store/index.ts';

/** What a load balancer is told to wait before asking again. */
const RETRY_SECONDS = 5;

export function healthRoutes(version: string, store: Store, lifecycle: Lifecycle) {
  const body: Health = { ok: true, version };
  const notReady = (c: Parameters<Parameters<typeof handle>[1]>[0], detail: string) => {
    c.header('Retry-After', String(RETRY_SECONDS));
    c.header('Cache-Control', 'no-store');
    return problem(c, 503, 'not-ready', detail);
  };
  return [
    handle(routes.health, (c) => c.json(body)),
    handle(routes.ready, async (c) => {
      if (lifecycle.draining()) return notReady(c, 'This instance is shutting down; send requests to another.');
      let schemaVersion: number;
      try {
        schemaVersion = await schemaVersionOf(store.database);
      } catch {
        return notReady(c, `The ${store.engine} database does not answer.`);
      }
      // A newer schema is fine (an upgraded instance migrated it; migrations only add), an older one is not.
      if (schemaVersion < SCHEMA_VERSION) {
        return notReady(
          c,
          `The database schema is at version ${schemaVersion}; this server needs ${SCHEMA_VERSION}. Start one instance of this version to migrate it.`,
        );
      }
      const ready: Readiness = { ok: true, version, database: store.engine, schemaVersion };
      c.header('Cache-Control', 'no-store');
      return c.json(ready);
    }),
  ];
}
