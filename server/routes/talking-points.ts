import { randomBytes } from 'node:crypto';
import { type Context, Hono } from 'hono';
import {
  type TalkingPoint,
  TalkingPointInput,
  TalkingPointListQuery,
  TalkingPointPatch,
} from '../../lib/contract/index.ts';
import { authenticate, requireRole } from '../auth.ts';
import { parseBody } from '../body.ts';
import type { AppEnv } from '../env.ts';
import { problem, validationProblem } from '../problem.ts';
import type { Store } from '../store/index.ts';
import { parseCursor, parseQuery } from './support/query.ts';
import { checkIfMatch, versionTag } from './support/versioning.ts';

export function newTalkingPointId(): string {
  return `tp_${randomBytes(12).toString('base64url')}`;
}

/** What the schema cannot check: that the campaign exists. */
function checkCampaign(c: Context, store: Store, input: TalkingPointInput): Response | null {
  if (input.campaign && !store.campaigns.get(input.campaign)) {
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
  const app = new Hono<AppEnv>();
  app.use('*', authenticate(store.tokens), requireRole('marketer'));

  app.get('/', (c) => {
    const query = parseQuery(c, TalkingPointListQuery);
    if (!query.ok) return query.response;
    const after = parseCursor(c, query.data.cursor, 'string');
    if (!after.ok) return after.response;
    return c.json(store.talkingPoints.list(query.data, after.data));
  });

  app.post('/', async (c) => {
    const parsed = await parseBody(c, TalkingPointInput);
    if (!parsed.ok) return parsed.response;
    const bad = checkCampaign(c, store, parsed.data);
    if (bad) return bad;
    const point = store.talkingPoints.put(newTalkingPointId(), parsed.data, c.get('me').name, clock().toISOString());
    c.header('Location', `/v1/talking-points/${point.id}`);
    c.header('ETag', versionTag(point.version));
    return c.json(point, 201);
  });

  app.get('/:id', (c) => {
    const point = store.talkingPoints.get(c.req.param('id'));
    if (!point) return notFound(c, c.req.param('id'));
    c.header('ETag', versionTag(point.version));
    return c.json(point);
  });

  /** Edit, publish, retire or reschedule. Bumps the version when anything changed. */
  app.patch('/:id', async (c) => {
    const parsed = await parseBody(c, TalkingPointPatch);
    if (!parsed.ok) return parsed.response;
    const id = c.req.param('id');
    return store.transaction(() => {
      const point = store.talkingPoints.get(id);
      if (!point) return notFound(c, id);
      const stale = checkIfMatch(c, 'talking point', point.version);
      if (stale) return stale;
      // The merged point is checked as a whole, window included, by the same schema as a new one.
      const next = TalkingPointInput.safeParse(applyPatch(point, parsed.data));
      if (!next.success) return validationProblem(c, next.error);
      const bad = checkCampaign(c, store, next.data);
      if (bad) return bad;
      const updated = store.talkingPoints.update(id, next.data, clock().toISOString());
      c.header('ETag', versionTag(updated.version));
      return c.json(updated);
    });
  });
  return app;
}
