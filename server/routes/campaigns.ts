import { Hono } from 'hono';
import { CampaignInput } from '../../lib/contract/index.ts';
import { authenticate, requireRole } from '../auth.ts';
import { parseBody } from '../body.ts';
import type { AppEnv } from '../env.ts';
import type { Store } from '../store/index.ts';

export function campaignRoutes(store: Store, clock: () => Date) {
  const app = new Hono<AppEnv>();
  app.use('*', authenticate(store.tokens), requireRole('marketer'));
  app.get('/', (c) => c.json({ campaigns: store.campaigns.list() }));
  /** Create or replace by key: 201 when new, 200 when replaced (version bumped if anything changed). */
  app.post('/', async (c) => {
    const parsed = await parseBody(c, CampaignInput);
    if (!parsed.ok) return parsed.response;
    const { campaign, created } = store.campaigns.upsert(parsed.data, clock().toISOString());
    return c.json(campaign, created ? 201 : 200);
  });
  return app;
}
