import { type Context, Hono } from 'hono';
import { type Campaign, CampaignInput, CampaignPatch } from '../../lib/contract/index.ts';
import { authenticate, requireRole } from '../auth.ts';
import { parseBody } from '../body.ts';
import type { AppEnv } from '../env.ts';
import { problem, validationProblem } from '../problem.ts';
import type { Store } from '../store/index.ts';
import { checkIfMatch, versionTag } from './support/versioning.ts';

/** The stored campaign with the patch applied, as a full input to check again (`null` clears). */
export function applyCampaignPatch(campaign: Campaign, patch: CampaignPatch): Record<string, unknown> {
  const { cta: patchCta, ...messageFields } = patch.message ?? {};
  const { cta: storedCta, ...storedMessage } = campaign.message;
  const cta = patchCta === undefined ? storedCta : (patchCta ?? undefined);
  const pick = (next: string | null | undefined, current: string | null) =>
    next === undefined ? (current ?? undefined) : (next ?? undefined);
  return {
    key: campaign.key,
    name: patch.name ?? campaign.name,
    status: patch.status ?? campaign.status,
    startsAt: pick(patch.startsAt, campaign.startsAt),
    endsAt: pick(patch.endsAt, campaign.endsAt),
    message: { ...storedMessage, ...messageFields, ...(cta ? { cta } : {}) },
  };
}

const notFound = (c: Context, key: string) =>
  problem(c, 404, 'not-found', `There is no campaign with key ${key.slice(0, 120)}.`);

export function campaignRoutes(store: Store, clock: () => Date) {
  const app = new Hono<AppEnv>();
  app.use('*', authenticate(store.tokens), requireRole('marketer'));
  app.get('/', (c) => c.json({ campaigns: store.campaigns.list() }));
  /** Create or replace by key: 201 when new, 200 when replaced (version bumped if anything changed). */
  app.post('/', async (c) => {
    const parsed = await parseBody(c, CampaignInput);
    if (!parsed.ok) return parsed.response;
    const { campaign, created } = store.campaigns.upsert(parsed.data, clock().toISOString());
    c.header('ETag', versionTag(campaign.version));
    return c.json(campaign, created ? 201 : 200);
  });

  app.get('/:key', (c) => {
    const campaign = store.campaigns.get(c.req.param('key'));
    if (!campaign) return notFound(c, c.req.param('key'));
    c.header('ETag', versionTag(campaign.version));
    return c.json(campaign);
  });

  /** Edit, activate, end or reschedule; the version is bumped when anything changed. */
  app.patch('/:key', async (c) => {
    const parsed = await parseBody(c, CampaignPatch);
    if (!parsed.ok) return parsed.response;
    const key = c.req.param('key');
    return store.transaction(() => {
      const campaign = store.campaigns.get(key);
      if (!campaign) return notFound(c, key);
      const stale = checkIfMatch(c, 'campaign', campaign.version);
      if (stale) return stale;
      // The merged campaign is checked as a whole, window included, by the same schema as a new one.
      const next = CampaignInput.safeParse(applyCampaignPatch(campaign, parsed.data));
      if (!next.success) return validationProblem(c, next.error);
      const updated = store.campaigns.update(next.data, clock().toISOString());
      c.header('ETag', versionTag(updated.version));
      return c.json(updated);
    });
  });
  return app;
}
