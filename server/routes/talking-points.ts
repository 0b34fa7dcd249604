import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { routes, type TalkingPoint, TalkingPointInput, type TalkingPointPatch } from '../../lib/contract/index.ts';
import { problem } from '../problem.ts';
import { handle } from '../router/handle.ts';
import type { Store, Stores } from '../store/index.ts';
import { parseCursor } from './support/query.ts';
import { editVersioned, withVersion } from './support/versioning.ts';

export function newTalkingPointId(): string {
  return `tp_${randomBytes(12).toString('base64url')}`;
}

/** What the schema cannot check: that the campaign exists. */
async function checkCampaign(c: Context, store: Stores, input: TalkingPointInput): Promise<Response | null> {
  if (input.campaign && !(await store.campaigns.exists(input.campaign))) {
    return problem(
      c,
      422,
      'validation-failed',
      `campaign "${input.campaign}" does not exist; create it with POST /v1/campaigns first.`,
      [{ path: 'campaign', message: 'does not exist' }],
    );
  }
  return null;
}

/** The stored point with the patch applied; `null` in the patch clears a field. */
export function applyPatch(point: TalkingPoint, patch: TalkingPointPatch): TalkingPointInput {
  const pick = <T>(next: T | null | undefined, current: T | null): T | undefined =>
    next === undefined ? (current ?? undefined) : (next ?? undefined);
  return {
    campaign: pick(patch.campaign, point.campaign),
    title: patch.title ?? point.title,
    body: patch.body ?? point.body,
    status: patch.status ?? point.status,
    priority: patch.priority ?? point.priority,
    audience: patch.audience ?? point.audience,
    triggers: patch.triggers ?? point.triggers,
    validFrom: pick(patch.validFrom, point.validFrom),
    validTo: pick(patch.validTo, point.validTo),
  };
}

const notFound = (c: Context, id: string) =>
  problem(c, 404, 'not-found', `There is no talking point with id ${id.slice(0, 80)}.`);

export function talkingPointRoutes(store: Store, clock: () => Date) {
  return [
    handle(routes.listTalkingPoints, async (c, { query }) => {
      const after = parseCursor(c, query.cursor, 'string');
      if (!after.ok) return after.response;
      return c.json(await store.talkingPoints.list(query, after.data));
    }),
    handle(routes.createTalkingPoint, async (c, { body }) => {
      const bad = await checkCampaign(c, store, body);
      if (bad) return bad;
      const point = await store.talkingPoints.put(newTalkingPointId(), body, c.get('me').name, clock().toISOString());
      c.header('Location', `/v1/talking-points/${point.id}`);
      return withVersion(c, point, 201);
    }),
    handle(routes.getTalkingPoint, async (c, { params }) => {
      const point = await store.talkingPoints.get(params.id);
      return point ? withVersion(c, point) : notFound(c, params.id);
    }),
    /** Edit, publish, retire or reschedule. Bumps the version when anything changed. */
    handle(routes.patchTalkingPoint, (c, { body, params }) =>
      editVersioned(c, store, {
        what: 'talking point',
        stored: (tx) => tx.talkingPoints.get(params.id),
        missing: () => notFound(c, params.id),
        merged: (point) => applyPatch(point, body),
        schema: TalkingPointInput,
        save: async (tx, next) =>
          (await checkCampaign(c, tx, next)) ?? tx.talkingPoints.update(params.id, next, clock().toISOString()),
      }),
    ),
  ];
}
