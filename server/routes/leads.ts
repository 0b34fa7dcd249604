import { Hono } from 'hono';
import { LeadsUpsertRequest } from '../../lib/contract/index.ts';
import { authenticate, requireRole } from '../auth.ts';
import { parseBody } from '../body.ts';
import type { AppEnv } from '../env.ts';
import { ingestLeads } from '../import/ingest.ts';
import type { Store } from '../store/index.ts';

/** Upsert by email. Each item is checked on its own: good ones are kept, bad ones reported by index. */
export function leadRoutes(store: Store, clock: () => Date) {
  const app = new Hono<AppEnv>();
  app.post('/', authenticate(store.tokens), requireRole(), async (c) => {
    const parsed = await parseBody(c, LeadsUpsertRequest);
    if (!parsed.ok) return parsed.response;
    return c.json(ingestLeads(store, parsed.data.leads, clock().toISOString()));
  });
  return app;
}
