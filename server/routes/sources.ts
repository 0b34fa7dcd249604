import type { Context } from 'hono';
import { routes, SourceEventName, type SourceKind } from '../../lib/contract/index.ts';
import { BodyTooLargeError, bodyTooLarge } from '../body-limits.ts';
import type { AppEnv } from '../env.ts';
import type { Logger } from '../log.ts';
import { problem } from '../problem.ts';
import { handle } from '../router/handle.ts';
import type { InboxMapper } from '../sources/inbox-mapper.ts';
import { receive } from '../sources/receive.ts';
import { remapEventName } from '../sources/remap.ts';
import { loadSourceKey } from '../sources/source-key.ts';
import type { Store } from '../store/index.ts';

/**
 * Marketing tools push here, authenticated by the source's secret (not a Coalface token), and the
 * admin reads every source's counters. A push is answered once its items are in the inbox; `inbox`
 * (the process's mapper, when it has one) is woken to map them.
 */
export function sourceRoutes(
  store: Store,
  clock: () => Date,
  logger: Logger,
  inbox?: Pick<InboxMapper, 'wake' | 'during'>,
) {
  const push = (kind: SourceKind) => async (c: Context<AppEnv>, id: string) => {
    const source = await store.sources.get(id);
    if (!source || source.kind !== kind) {
      return problem(
        c,
        404,
        'unknown-source',
        `No ${kind} source has the id "${id.slice(0, 40)}"; the URL comes from "source add" (see "source list").`,
      );
    }
    let raw: Uint8Array;
    try {
      raw = new Uint8Array(await c.req.arrayBuffer());
    } catch (error) {
      if (error instanceof BodyTooLargeError) return bodyTooLarge(c, error.limit);
      throw error;
    }
    // Read per request so a key set or fixed while serving needs no restart of the route's state.
    const key = loadSourceKey(undefined);
    const outcome = await receive(store, source, { raw, header: (name) => c.req.header(name) }, { key, clock, logger });
    if (!outcome.ok) {
      if (outcome.status === 503) c.header('Retry-After', '60');
      return problem(c, outcome.status, outcome.slug, outcome.detail);
    }
    if (outcome.receipt.queued > 0) inbox?.wake();
    return c.json(outcome.receipt);
  };
  // The mapper gives way to pushes being answered: the answer is what the tool waits for.
  const during = inbox ? <T>(work: () => Promise<T>) => inbox.during(work) : <T>(work: () => Promise<T>) => work();
  const segment = push('segment');
  const mautic = push('mautic');

  return [
    handle(routes.listSources, async (c) => c.json({ sources: await store.sources.list(clock().toISOString()) })),
    handle(routes.mapSourceEvent, async (c, { params, body }) => {
      if (!SourceEventName.safeParse(params.eventName).success) {
        return problem(c, 422, 'invalid-event-name', 'An event name is 1 to 200 characters.', [
          { path: 'eventName', message: 'must be 1 to 200 characters' },
        ]);
      }
      const now = () => clock().toISOString();
      const remapped = await remapEventName(store, params.id, params.eventName, body.type, now, logger);
      const source = remapped && (await store.sources.list(now())).find((s) => s.id === params.id);
      if (!remapped || !source) {
        return problem(c, 404, 'unknown-source', `No source has the id "${params.id.slice(0, 40)}".`);
      }
      return c.json({ source, remapped });
    }),
    handle(routes.segmentSource, (c, { params }) => during(() => segment(c, params.id))),
    handle(routes.mauticSource, (c, { params }) => during(() => mautic(c, params.id))),
  ];
}
