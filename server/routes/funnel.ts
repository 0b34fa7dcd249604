import { cannotSignFunnel, routes } from '../../lib/contract/index.ts';
import { teamFor } from '../domain/funnel.ts';
import { computeFunnelMetrics } from '../domain/funnel-metrics.ts';
import { problem } from '../problem.ts';
import { handle } from '../router/handle.ts';
import type { Store } from '../store/index.ts';
import { checkIfMatch, withVersion } from './support/versioning.ts';

/**
 * The funnel both teams sign: read by anyone with a token; replaced by marketers, managers and
 * admins (If-Match required: a definition two teams signed is never overwritten blindly); signed by
 * a marketer for marketing and a manager for sales.
 */
export function funnelRoutes(store: Store, clock: () => Date) {
  const get = handle(routes.getFunnel, async (c) => {
    const funnel = await store.funnel.current();
    return withVersion(c, funnel);
  });

  const replace = handle(routes.replaceFunnel, (c, { body }) => {
    if (c.req.header('If-Match') === undefined) {
      return problem(
        c,
        428,
        'precondition-required',
        'Send If-Match: "<version>" with the version you edited (GET /v1/funnel gives it), so an edit never overwrites one you have not seen.',
      );
    }
    const me = c.get('me');
    return store.transaction(async (tx) => {
      const stale = checkIfMatch(c, 'funnel definition', (await tx.funnel.current()).version);
      if (stale) return stale;
      const { stages, note } = body;
      const funnel = await tx.funnel.replace(stages, me, clock().toISOString(), note);
      return withVersion(c, funnel);
    });
  });

  // A rep is refused before the body is read (by its declaration); an admin's body is checked first
  // (admins see every 4xx), then refused here.
  const sign = handle(routes.signFunnel, (c, { body }) => {
    const me = c.get('me');
    const team = teamFor(me.role);
    if (!team) return problem(c, 403, 'forbidden', cannotSignFunnel('admin'));
    return store.transaction(async (tx) => {
      const outcome = await tx.funnel.sign(body.version, team, me, clock().toISOString());
      const funnel = await tx.funnel.current();
      if (outcome === 'not-current') {
        return problem(
          c,
          409,
          'not-current-version',
          `Version ${body.version} is not the current definition (version ${funnel.version} is). Read the current one, then sign it.`,
        );
      }
      return withVersion(c, funnel, outcome === 'signed' ? 201 : 200);
    });
  });

  const history = handle(routes.funnelHistory, async (c) => c.json({ versions: await store.funnel.history() }));

  const metrics = handle(routes.funnelMetrics, async (c, { query }) => {
    const [funnel, changes, current] = await Promise.all([
      store.funnel.current(),
      store.stageHistory.all(),
      store.stageHistory.currentCounts(),
    ]);
    const body = computeFunnelMetrics({
      version: funnel.version,
      stages: funnel.stages,
      changes,
      current,
      now: clock().getTime(),
      weeks: query.weeks,
    });
    return c.json(body);
  });
  return [get, replace, sign, history, metrics];
}
