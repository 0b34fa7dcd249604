import type { Context } from 'hono';
import { type Campaign, CampaignInput, type CampaignPatch, routes } from '../../lib/contract/index.ts';
import { problem } from '../problem.ts';
import { handle } from '../router/handle.ts';
import type { Store, Stores } from '../store/index.ts';
import { editVersioned, withVersion } from './support/versioning.ts';

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

/** `If-None-Match: *` (RFC 9110): create only; a key already taken answers 412 and nothing is replaced. */
async function createOnly(c: Context, store: Stores, key: string): Promise<Response | null> {
  if (c.req.header('If-None-Match')?.trim() !== '*' || !(await store.campaigns.exists(key))) return null;
  return problem(
    c,
    412,
    'key-taken',
    `A campaign with key ${key} already exists. Choose another key, or send the request without If-None-Match to replace it.`,
  );
}

export function campaignRoutes(store: Store, clock: () => Date) {
  /** Create or replace by key: 201 when new, 200 when replaced (version bumped if anything changed). */
  const put = async (c: Context, tx: Stores, input: CampaignInput) => {
    const { campaign, created } = await tx.campaigns.upsert(input, clock().toISOString());
    return withVersion(c, campaign, created ? 201 : 200);
  };
  return [
    handle(routes.listCampaigns, async (c) => c.json({ campaigns: await store.campaigns.list() })),
    handle(routes.putCampaign, (c, { body }) => {
      if (c.req.header('If-None-Match') === undefined) return put(c, store, body);
      return store.transaction(async (tx) => (await createOnly(c, tx, body.key)) ?? put(c, tx, body));
    }),
    handle(routes.getCampaign, async (c, { params }) => {
      const campaign = await store.campaigns.get(params.key);
      return campaign ? withVersion(c, campaign) : notFound(c, params.key);
    }),
    /** Edit, activate, end or reschedule; the version is bumped when anything changed. */
    handle(routes.patchCampaign, (c, { body, params }) =>
      editVersioned(c, store, {
        what: 'campaign',
        stored: (tx) => tx.campaigns.get(params.key),
        missing: () => notFound(c, params.key),
        merged: (campaign) => applyCampaignPatch(campaign, body),
        schema: CampaignInput,
        save: (tx, next) => tx.campaigns.update(next, clock().toISOString()),
      }),
    ),
  ];
}
