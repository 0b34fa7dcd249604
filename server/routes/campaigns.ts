import type { Context } from 'hono';
import { type Campaign, CampaignInput, type CampaignPatch, routes } from '../../lib/contract/index.ts';
import { problem } from '../problem.ts';
import { handle } from '../router/handle.ts';
import type { Store } from '../store/index.ts';
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
function createOnly(c: Context, store: Store, key: string): Response | null {
  if (c.req.header('If-None-Match')?.trim() !== '*' || !store.campaigns.exists(key)) return null;
  return problem(
    c,
    412,
    'key-taken',
    `A campaign with key ${key} already exists. Choose another key, or send the request without If-None-Match to replace it.`,
  );
}

export function campaignRoutes(store: Store, clock: () => Date) {
  /** Create or replace by key: 201 when new, 200 when replaced (version bumped if anything changed). */
  const put = (c: Context, input: CampaignInput) => {
    const { campaign, created } = store.campaigns.upsert(input, clock().toISOString());
    return withVersion(c, campaign, created ? 201 : 200);
  };
  return [
    handle(routes.listCampaigns, (c) => c.json({ campaigns: store.campaigns.list() })),
    handle(routes.putCampaign, (c, { body }) => {
      if (c.req.header('If-None-Match') === undefined) return put(c, body);
      return store.transaction(() => createOnly(c, store, body.key) ?? put(c, body));
    }),
    handle(routes.getCampaign, (c, { params }) => {
      const campaign = store.campaigns.get(params.key);
      return campaign ? withVersion(c, campaign) : notFound(c, params.key);
    }),
    /** Edit, activate, end or reschedule; the version is bumped when anything changed. */
    handle(routes.patchCampaign, (c, { body, params }) =>
      editVersioned(c, store.transaction, {
        what: 'campaign',
        stored: () => store.campaigns.get(params.key),
        missing: () => notFound(c, params.key),
        merged: (campaign) => applyCampaignPatch(campaign, body),
        schema: CampaignInput,
        save: (next) => store.campaigns.update(next, clock().toISOString()),
      }),
    ),
  ];
}
