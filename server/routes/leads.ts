import { Hono } from 'hono';
import { type BatchResult, LeadInput, LeadsUpsertRequest } from '../../lib/contract/index.ts';
import { authenticate, requireRole } from '../auth.ts';
import { parseBody } from '../body.ts';
import type { AppEnv } from '../env.ts';
import { describeIssues } from '../problem.ts';
import type { Store } from '../store/index.ts';

/** Upsert by email. Each item is checked on its own: good ones are kept, bad ones reported by index. */
export function leadRoutes(store: Store, clock: () => Date) {
  const app = new Hono<AppEnv>();
  app.post('/', authenticate(store.tokens), requireRole(), async (c) => {
    const parsed = await parseBody(c, LeadsUpsertRequest);
    if (!parsed.ok) return parsed.response;
    const items = parsed.data.leads;
    const now = clock().toISOString();
    const result: BatchResult = { received: items.length, accepted: 0, rejected: [] };
    store.transaction(() => {
      items.forEach((item, index) => {
        const lead = LeadInput.safeParse(item);
        if (!lead.success) {
          result.rejected.push({ index, detail: describeIssues(lead.error.issues).detail });
          return;
        }
        const written = store.leads.upsert(lead.data, now);
        if (written.ok) result.accepted++;
        else result.rejected.push({ index, detail: `${written.detail}.` });
      });
    });
    return c.json(result);
  });
  return app;
}
