import { type Context, Hono } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import { ChangesQuery } from '../../lib/contract/index.ts';
import { authenticate, requireRole } from '../auth.ts';
import type { AppEnv } from '../env.ts';
import { problem } from '../problem.ts';
import type { Store } from '../store/index.ts';
import { parseQuery } from './support/query.ts';

export interface StreamOptions {
  /** A `: ping` comment after this long without a write, so proxies keep the connection open. */
  pingMs?: number;
  /** How often to look for changes written by another process (the CLI import); in-process writes wake at once. */
  pollMs?: number;
}

const PAGE = 100;
const StreamQuery = ChangesQuery.pick({ since: true });

/** `Last-Event-ID` (a reconnect) wins over `?since=`; with neither, the stream starts at the current cursor. */
function startCursor(c: Context, store: Store): { ok: true; cursor: number } | { ok: false; response: Response } {
  const query = parseQuery(c, StreamQuery);
  if (!query.ok) return query;
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
  if (query.data.since !== undefined) return { ok: true, cursor: Number(query.data.since) };
  return { ok: true, cursor: store.changes.latest() };
}

async function pump(stream: SSEStreamingApi, store: Store, from: number, options: Required<StreamOptions>) {
  let cursor = from;
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const unsubscribe = store.changes.subscribe(poke);
  stream.onAbort(poke);
  let lastWrite = Date.now();
  try {
    await stream.write(`: connected; changes after ${cursor} follow\n\n`);
    while (!stream.aborted && !stream.closed && store.db.open) {
      const page = store.changes.page(cursor, PAGE);
      for (const change of page.changes) {
        await stream.writeSSE({ event: 'change', id: change.cursor, data: JSON.stringify(change) });
        lastWrite = Date.now();
      }
      cursor = Number(page.cursor);
      if (page.hasMore) continue;
      if (Date.now() - lastWrite >= options.pingMs) {
        await stream.write(': ping\n\n');
        lastWrite = Date.now();
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(options.pollMs, options.pingMs));
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
  }
}

/**
 * Server-sent events: each change as `event: change`, `id: <cursor>`, `data: <Change JSON>`. Bearer
 * auth like every other route (the extension reads it with fetch, which can send the header).
 */
export function streamRoutes(store: Store, options: StreamOptions = {}) {
  const settings = { pingMs: options.pingMs ?? 15_000, pollMs: options.pollMs ?? 500 };
  const app = new Hono<AppEnv>();
  app.get('/', authenticate(store.tokens), requireRole('rep', 'marketer'), (c) => {
    const start = startCursor(c, store);
    if (!start.ok) return start.response;
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      c.req.raw.signal.addEventListener('abort', () => stream.abort(), { once: true });
      await pump(stream, store, start.cursor, settings);
    });
  });
  return app;
}
