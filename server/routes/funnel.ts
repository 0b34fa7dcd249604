import { Hono } from 'hono';
import { FunnelInput, FunnelMetricsQuery, FunnelSignRequest } from '../../lib/contract/index.ts';
import { authenticate, requireRole } from '../auth.ts';
import { parseBody } from '../body.ts';
import { teamFor } from '../domain/funnel.ts';
import { computeFunnelMetrics } from '../domain/funnel-metrics.ts';
import type { AppEnv } from '../env.ts';
import { problem } from '../problem.ts';
import type { Store } from '../store/index.ts';
import { parseQuery } from './support/query.ts';
import { checkIfMatch, versionTag } from './support/versioning.ts';

/**
 * The funnel both teams sign: read by anyone with a token; replaced by marketers, managers and
 * admins (If-Match required: a definition two teams signed is never overwritten blindly); signed by
 * a marketer for marketing and a manager for sales.
 */
export function funnelRoutes(store: Store, clock: () => Date) {
  const app = new Hono<AppEnv>();
  app.use('*', authenticate(store.tokens));

  app.get('/', requireRole('rep', 'manager', 'marketer'), (c) => {
    const funnel = store.funnel.current();
    c.header('ETag', versionTag(funnel.version));
    return c.json(funnel);
  });

  app.put('/', requireRole('manager', 'marketer'), async (c) => {
    const parsed = await parseBody(c, FunnelInput);
    if (!parsed.ok) return parsed.response;
    if (c.req.header('If-Match') === undefined) {
      return problem(
        c,
        428,
        'precondition-required',
        'Send If-Match: "<version>" with the version you edited (GET /v1/funnel gives it), so an edit never overwrites one you have not seen.',
      );
    }
    const me = c.get('me');
    return store.transaction(() => {
      const stale = checkIfMatch(c, 'funnel definition', store.funnel.current().version);
      if (stale) return stale;
      const { stages, note } = parsed.data;
      const funnel = store.funnel.replace(stages, me, clock().toISOString(), note);
      c.header('ETag', versionTag(funnel.version));
      return c.json(funnel);
    });
  });

  app.post('/signatures', async (c) => {
    const me = c.get('me');
    const team = teamFor(me.role);
    const refuse = () =>
      problem(
        c,
        403,
        'forbidden',
        `${me.role === 'admin' ? 'An admin' : 'A rep'} token cannot sign the funnel: a marketer signs for marketing and a sales manager (manager token) signs for sales.`,
      );
    // A rep is refused before the body is read; an admin's body is checked first (admins see every 4xx).
    if (me.role === 'rep') return refuse();
    const parsed = await parseBody(c, FunnelSignRequest);
    if (!parsed.ok) return parsed.response;
    if (!team) return refuse();
    return store.transaction(() => {
      const outcome = store.funnel.sign(parsed.data.version, team, me, clock().toISOString());
      const funnel = store.funnel.current();
      if (outcome === 'not-current') {
        return problem(
          c,
          409,
          'not-current-version',
          `Version ${parsed.data.version} is not the current definition (version ${funnel.version} is). Read the current one, then sign it.`,
        );
      }
      c.header('ETag', versionTag(funnel.version));
      return c.json(funnel, outcome === 'signed' ? 201 : 200);
    });
  });

  app.get('/history', requireRole('rep', 'manager', 'marketer'), (c) => c.json({ versions: store.funnel.history() }));

  app.get('/metrics', requireRole('rep', 'manager', 'marketer'), (c) => {
    const query = parseQuery(c, FunnelMetricsQuery);
    if (!query.ok) return query.response;
    const funnel = store.funnel.current();
    const metrics = computeFunnelMetrics({
      version: funnel.version,
      stages: funnel.stages,
      changes: store.stageHistory.all(),
      current: store.stageHistory.currentCounts(),
      now: clock().getTime(),
      weeks: query.data.weeks,
    });
    return c.json(metrics);
  });
  return app;
}
