import type { Context, MiddlewareHandler } from 'hono';
import { OPERATIONS } from '../lib/contract/index.ts';
import { problem } from './problem.ts';
import { routeMatcher } from './router/match.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

export interface BodyLimit {
  /** Upper case, as requests carry it. */
  method: string;
  /** OpenAPI form, `{name}` for a path parameter. */
  path: string;
  bytes: number;
  /** What to do instead, said in the 413 (the route's `overLimitAdvice`). */
  advice?: string;
}

/** The largest body each route takes, as its declaration in `routes` says. */
export const BODY_LIMITS: readonly BodyLimit[] = OPERATIONS.flatMap((op) =>
  op.bodyLimit === undefined
    ? []
    : [
        {
          method: op.method.toUpperCase(),
          path: op.path,
          bytes: op.bodyLimit,
          ...(op.overLimitAdvice ? { advice: op.overLimitAdvice } : {}),
        },
      ],
);

/** Every other request: none of them takes a body. */
export const OTHER_BODY_LIMIT = 16 * KiB;

/**
 * After a 413 the rest of the body is read and thrown away (at most this much, for at most this
 * long) before the connection closes, so that a client still sending reads the answer instead of
 * a reset connection (as nginx's lingering close does).
 */
export const DRAIN = { bytes: 16 * MiB, ms: 5_000 } as const;

interface Matched {
  bytes: number;
  /** `POST /v1/leads`, for the problem's detail. */
  route: string;
  advice?: string | undefined;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: Matched) {
    super(`body over ${limit.bytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** The 413 problem for a body over `limit`. */
export function bodyTooLarge(c: Context, limit: Matched): Response {
  return problem(
    c,
    413,
    'body-too-large',
    `The body is larger than ${limit.bytes} bytes, the limit for ${limit.route}; ${limit.advice ?? 'split it into smaller requests'}.`,
  );
}

const findLimit = routeMatcher(BODY_LIMITS);

/** The limit for a request to `method` `path`: its route's, or OTHER_BODY_LIMIT. */
function bodyLimitFor(method: string, path: string): Matched {
  const hit = findLimit(method, path);
  return hit
    ? { bytes: hit.bytes, route: `${hit.method} ${hit.path}`, advice: hit.advice }
    : { bytes: OTHER_BODY_LIMIT, route: `${method} requests to this path` };
}

/**
 * A refusal sent before the body is read (the rate limiter's 429) need not wait for a body the route would
 * refuse anyway: for a declared size over the route's limit the connection closes after the answer,
 * instead of Node reading and discarding the rest. Bodies within the limit are still read, so a
 * well-behaved client sending its batch reads the refusal.
 */
export function closeIfOversized(c: Context): void {
  const declared = Number(c.req.header('Content-Length') ?? 0);
  if (declared > bodyLimitFor(c.req.method, c.req.path).bytes) c.header('Connection', 'close');
}

/** Reads and discards what is left of the body, within DRAIN; then the connection may close cleanly. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const timer = setTimeout(() => void reader.cancel().catch(() => {}), DRAIN.ms);
  timer.unref?.();
  try {
    let read = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
      if (read > DRAIN.bytes) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // The client went away: nothing left to drain.
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The 413, sent at once, whose response stays open (its Content-Length already satisfied, so the
 * client has the whole answer) until the rest of the request body is drained; only then does the
 * server end it and, with `Connection: close`, close the connection.
 */
async function refuse(c: Context, limit: Matched, reader: ReadableStreamDefaultReader<Uint8Array>): Promise<Response> {
  const answer = bodyTooLarge(c, limit);
  const bytes = new Uint8Array(await answer.arrayBuffer());
  const drained = drain(reader);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
    },
    async pull(controller) {
      await drained;
      controller.close();
    },
  });
  const headers = new Headers(answer.headers);
  headers.set('Content-Length', String(bytes.byteLength));
  headers.set('Connection', 'close');
  return new Response(body, { status: 413, headers });
}

/**
 * Per-route body limits (BODY_LIMITS), applied before routing so that even a request that ends in a
 * 401 or 404 never has more read. A Content-Length over the limit is refused before any of the
 * body is read; a body without one is cut off as soon as it passes the limit. Either way the 413
 * goes out at once and the rest of the body is drained within DRAIN.
 */
export function bodyLimits(): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const limit = bodyLimitFor(c.req.method, c.req.path);
    const declared = c.req.header('Content-Length');
    if (declared !== undefined) {
      // Node's parser ends the body at Content-Length, so a declared size within the limit holds.
      if (Number(declared) > limit.bytes) return refuse(c, limit, body.getReader());
      return next();
    }
    const reader = body.getReader();
    let size = 0;
    let over = false;
    const limited = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        size += value.byteLength;
        if (size > limit.bytes) {
          over = true;
          controller.error(new BodyTooLargeError(limit));
          return;
        }
        controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    c.req.raw = new Request(c.req.raw, { body: limited, duplex: 'half' } as RequestInit);
    await next();
    if (over) {
      const refusal = await refuse(c, limit, reader);
      c.res = refusal;
      // Assigning c.res merges in the handler's headers; the refusal's length is the one that holds.
      c.res.headers.set('Content-Length', refusal.headers.get('Content-Length') ?? '0');
    }
  };
}
