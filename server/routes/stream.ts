import type { Context } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import { routes, STREAM_EVENT, type StreamQuery } from '../../lib/contract/index.ts';
import { identify } from '../auth.ts';
import {
  DEFAULT_STREAM_LIMITS,
  memoryStreamSlots,
  type StreamLimits,
  type StreamSlots,
} from '../limits/stream-slots.ts';
import { problem } from '../problem.ts';
import { handle } from '../router/handle.ts';
import type { Store } from '../store/index.ts';

export interface StreamOptions {
  /** A `: ping` comment after this long without a write, so proxies keep the connection open. */
  pingMs?: number;
  /** How often to look for changes written by another process (the CLI import); in-process writes wake at once. */
  pollMs?: number;
  /** How often an open stream checks that its token is still live (`token revoke` runs in another process). */
  recheckMs?: number;
  limits?: Partial<StreamLimits>;
  /** Where open streams are counted (this process's memory unless given: `limits/for-engine.ts`). */
  slots?: StreamSlots;
  /** Aborted when this instance starts shutting down: open streams tell their clients to reconnect, and end. */
  shutdown?: AbortSignal;
}

/** What a client is told to wait before reconnecting when this instance shuts down (another one answers). */
const SHUTDOWN_RETRY_MS = 1_000;

/** What a client refused a stream is told to wait: streams end when browsers close, not on a schedule. */
const FULL_RETRY_SECONDS = 30;

const PAGE = 100;

/** `Last-Event-ID` (a reconnect) wins over `?since=`; with neither, the stream starts at the current cursor. */
async function startCursor(
  c: Context,
  store: Store,
  query: StreamQuery,
): Promise<{ ok: true; cursor: number } | { ok: false; response: Response }> {
  const lastEventId = c.req.header('Last-Event-ID')?.trim();
  if (lastEventId !== undefined && lastEventId !== '') {
    if (!/^\d{1,15}$/.test(lastEventId)) {
      return {
        ok: false,
        response: problem(
          c,
          422,
          'validation-failed',
          'The Last-Event-ID header must be the id of an event this stream sent.',
        ),
      };
    }
    return { ok: true, cursor: Number(lastEventId) };
  }
  if (query.since !== undefined) return { ok: true, cursor: Number(query.since) };
  return { ok: true, cursor: await store.changes.latest() };
}

type PumpOptions = Required<Omit<StreamOptions, 'limits' | 'slots'>>;

const neverAborted = new AbortController().signal;

async function pump(
  stream: SSEStreamingApi,
  store: Store,
  from: number,
  stillLive: () => Promise<boolean>,
  options: PumpOptions,
) {
  let cursor = from;
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const unsubscribe = store.feed.subscribe(poke);
  // Leads with new engagement not yet sent, with their newest time: a burst for one lead is one event.
  const engaged = new Map<string, string>();
  const following = store.activity.subscribe((activity) => {
    for (const { emailHash, at } of activity) engaged.set(emailHash, at);
    poke();
  });
  stream.onAbort(poke);
  options.shutdown.addEventListener('abort', poke, { once: true });
  let lastWrite = Date.now();
  let lastCheck = Date.now();
  try {
    await following.ready;
    await stream.write(`: connected; changes after ${cursor} follow\n\n`);
    while (!stream.aborted && !stream.closed && store.isOpen()) {
      if (options.shutdown.aborted) {
        await stream.write(`retry: ${SHUTDOWN_RETRY_MS}\n: this instance is shutting down; reconnect\n\n`);
        break;
      }
      if (Date.now() - lastCheck >= options.recheckMs) {
        lastCheck = Date.now();
        if (!(await stillLive())) {
          await stream.write(': the token was revoked\n\n');
          break;
        }
      }
      const page = await store.changes.page(cursor, PAGE);
      for (const change of page.changes) {
        await stream.writeSSE({ event: STREAM_EVENT.change, id: change.cursor, data: JSON.stringify(change) });
        lastWrite = Date.now();
      }
      cursor = Number(page.cursor);
      for (const [emailHash, at] of engaged) {
        engaged.delete(emailHash);
        // No id: Last-Event-ID keeps naming the last change sent.
        await stream.writeSSE({ event: STREAM_EVENT.engagement, data: JSON.stringify({ emailHash, at }) });
        lastWrite = Date.now();
      }
      if (page.hasMore) continue;
      if (Date.now() - lastWrite >= options.pingMs) {
        await stream.write(': ping\n\n');
        lastWrite = Date.now();
      }
      // Engagement that arrived while this loop was writing found no one waiting to be woken.
      if (engaged.size > 0) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(options.pollMs, options.pingMs, options.recheckMs));
        // Never the reason the process stays up: a SIGTERM ends it even with streams open.
        timer.unref();
        function done() {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = done;
      });
    }
  } catch {
    // The database closed under us (shutdown) or the client went away: end the stream quietly.
  } finally {
    unsubscribe();
    following.unsubscribe();
    options.shutdown.removeEventListener('abort', poke);
  }
}

/**
 * Server-sent events: each change as `event: change`, `id: <cursor>`, `data: <Change JSON>`, and each
 * lead with new engagement (from any instance) as `event: engagement`, `data: <LeadEngagement JSON>`
 * without an id, sent live only. Bearer
 * auth like every other route (the extension reads it with fetch, which can send the header). Open
 * streams are capped per token and in all (429 beyond), and a stream ends once its token is revoked.
 */
export function streamRoutes(store: Store, options: StreamOptions = {}) {
  const settings: PumpOptions = {
    pingMs: options.pingMs ?? 15_000,
    pollMs: options.pollMs ?? 500,
    recheckMs: options.recheckMs ?? 2_000,
    shutdown: options.shutdown ?? neverAborted,
  };
  const limits = { ...DEFAULT_STREAM_LIMITS, ...options.limits };
  const slots = options.slots ?? memoryStreamSlots(limits);
  return [
    handle(routes.stream, async (c, { query }) => {
      const start = await startCursor(c, store, query);
      if (!start.ok) return start.response;
      const caller = await identify(c, store.tokens);
      if (!caller.ok) return problem(c, 401, 'unauthenticated', caller.detail);
      const slot = await slots.acquire(caller.me.tokenId);
      if (!slot.ok) {
        c.header('Retry-After', String(FULL_RETRY_SECONDS));
        const detail =
          slot.full === 'token'
            ? `This token already has ${limits.perToken} open streams, the most one token may hold. Close one ` +
              `(another browser or tab) or wait ${FULL_RETRY_SECONDS} s and try again.`
            : `The server already has ${limits.total} open streams in all, the most it holds. Wait ` +
              `${FULL_RETRY_SECONDS} s and try again; GET /v1/changes serves the same changes meanwhile.`;
        return problem(c, 429, 'too-many-streams', detail);
      }
      const { me, token } = caller;
      const stillLive = async () => (await store.tokens.verify(token))?.tokenId === me.tokenId;
      c.header('X-Accel-Buffering', 'no');
      return streamSSE(c, async (stream) => {
        try {
          c.req.raw.signal.addEventListener('abort', () => stream.abort(), { once: true });
          await pump(stream, store, start.cursor, stillLive, settings);
        } finally {
          slot.release();
        }
      });
    }),
  ];
}
