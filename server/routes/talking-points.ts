import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { TalkingPointInput } from '../../lib/contract/index.ts';
import { authenticate, requireRole } from '../auth.ts';
import { parseBody } from '../body.ts';
import type { AppEnv } from '../env.ts';
import { problem } from '../problem.ts';
import type { Store } from '../store/index.ts';

export function newTalkingPointId(): string {
  return `tp_${randomBytes(12).toString('base64url')}`;
}

export function talkingPointRoutes(store: Store, clock: () => Date) {
  const app = new Hono<AppEnv>();
  app.use('*', authenticate(store.tokens), requireRole('marketer'));
  app.post('/', async (c) => {
    const parsed = await parseBody(c, TalkingPointInput);
    if (!parsed.ok) return parsed.response;
    const input = parsed.data;
    if (input.validFrom && input.validTo && Date.parse(input.validFrom) > Date.parse(input.validTo)) {
      return problem(c, 422, 'validation-failed', 'validTo must not be before validFrom.', [
        { path: 'validTo', message: 'must not be before validFrom' },
      ]);
    }
    if (input.campaign && !store.campaigns.get(input.campaign)) {
      return problem(
        c,
        422,
        'validation-failed',
        `campaign "${input.campaign}" does not exist; create it with POST /v1/campaigns first.`,
        [{ path: 'campaign', message: 'does not exist' }],
      );
    }
    const point = store.talkingPoints.put(newTalkingPointId(), input, c.get('me').name, clock().toISOString());
    c.header('Location', `/v1/talking-points/${point.id}`);
    return c.json(point, 201);
  });
  return app;
}
