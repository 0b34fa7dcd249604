import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { OPERATIONS, routes } from '../lib/contract/index.ts';
import { bodyLimits } from './body-limits.ts';
import { databaseUnavailable } from './db/unavailable.ts';
import type { AppEnv } from './env.ts';
import { createLifecycle, type Lifecycle } from './lifecycle.ts';
import { rateStoreFor, streamSlotsFor } from './limits/for-engine.ts';
import { DEFAULT_STREAM_LIMITS, type StreamLimits } from './limits/stream-slots.ts';
import { type Logger, redact, requestLog, stderrLogger } from './log.ts';
import { problem } from './problem.ts';
import { clientAddress, createRateLimiter, DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit.ts';
import { refuseUnprintablePath, routingPath } from './request-path.ts';
import { mountRoutes } from './router/mount.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { changesRoutes } from './routes/changes.ts';
import { consoleRoutes } from './routes/console.ts';
import { demoStoryRoutes } from './routes/demo-stories.ts';
import { feedbackRoutes } from './routes/feedback.ts';
import { funnelRoutes } from './routes/funnel.ts';
import { healthRoutes } from './routes/health.ts';
import { importRoutes } from './routes/imports.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { lookupRoutes } from './routes/lookup.ts';
import { meRoutes } from './routes/me.ts';
import { openapiRoutes } from './routes/openapi.ts';
import { overviewRoutes } from './routes/overview.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { sourceRoutes } from './routes/sources.ts';
import { streamRoutes } from './routes/stream.ts';
import { talkingPointRoutes } from './routes/talking-points.ts';
import { timelineRoutes } from './routes/timeline.ts';
import { usageRoutes } from './routes/usage.ts';
import { securityHeaders } from './security-headers.ts';
import type { InboxMapper } from './sources/inbox-mapper.ts';
import { createSsoDirectory } from './sso/available-providers.ts';
import type { Store } from './store/index.ts';

export const VERSION = '0.1.0';

export interface AppOptions {
  logger?: Logger;
  /** Injected so tests can pin "now" (ranking and relative dates depend on it). */
  clock?: () => Date;
  /** Per-token limit on /v1 (each of lookups, writes and reads has its own bucket); `false` turns it off. */
  rateLimit?: RateLimit | false;
  /** Open `GET /v1/stream` connections allowed per token and in all (defaults: 5 and 1,000). */
  streams?: Partial<StreamLimits>;
  /** Behind a TLS-terminating reverse proxy: believe `X-Forwarded-Proto` (HSTS) and `X-Forwarded-For`. */
  trustProxy?: boolean;
  /** The process's shutdown, which `/readyz` and open streams follow (one of its own when not given). */
  lifecycle?: Lifecycle;
  /** The process's inbox mapper (`serve` runs one), woken after each accepted push; without one, pushes wait in the inbox for a `serve` process to map them. */
  inbox?: Pick<InboxMapper, 'wake' | 'during'>;
}

/** How long a client is asked to wait when the database does not answer. */
const UNAVAILABLE_RETRY_SECONDS = 5;

/** Request headers a route declares (If-Match, Last-Event-ID…), besides the two every call may send. */
const REQUEST_HEADERS = [
  'Authorization',
  'Content-Type',
  ...new Set(OPERATIONS.flatMap((op) => Object.keys(op.headers ?? {}))),
];

/** The extension's background page calls from its own origin; nothing else may call cross-origin. */
export function isExtensionOrigin(origin: string): boolean {
  return /^(chrome|moz)-extension:\/\/[A-Za-z0-9-]+$/.test(origin);
}

export function createApp(store: Store, options: AppOptions = {}) {
  const logger = options.logger ?? stderrLogger;
  const lifecycle = options.lifecycle ?? createLifecycle();
  const clock = options.clock ?? (() => new Date());
  const app = new Hono<AppEnv>({ getPath: routingPath });

  const trustProxy = options.trustProxy ?? false;
  const limit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  app.use('*', requestLog(logger));
  app.use('*', securityHeaders({ trustProxy }));
  app.use(
    '*',
    cors({
      origin: (origin) => (isExtensionOrigin(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: REQUEST_HEADERS,
      exposeHeaders: ['Retry-After', 'ETag', 'Location'],
      maxAge: 600,
    }),
  );
  const limiter = limit
    ? createRateLimiter(limit, store.tokens, clientAddress(trustProxy), rateStoreFor(store, limit, logger))
    : null;
  const streamLimits = { ...DEFAULT_STREAM_LIMITS, ...options.streams };
  if (limiter) app.use('/v1/*', limiter.middleware);
  app.use('*', bodyLimits());
  app.use('*', refuseUnprintablePath());

  const sso = createSsoDirectory(store, clock, logger);
  mountRoutes(
    app,
    [
      ...healthRoutes(VERSION, store, lifecycle),
      ...openapiRoutes(VERSION),
      ...meRoutes(),
      ...sessionRoutes(store, clock, sso),
      ...lookupRoutes(store, clock),
      ...timelineRoutes(store),
      ...feedbackRoutes(store, clock),
      ...usageRoutes(store, clock),
      ...overviewRoutes(store, clock),
      ...changesRoutes(store),
      ...streamRoutes(store, {
        limits: streamLimits,
        slots: streamSlotsFor(store, streamLimits, logger),
        shutdown: lifecycle.signal,
      }),
      ...campaignRoutes(store, clock),
      ...talkingPointRoutes(store, clock),
      ...funnelRoutes(store, clock),
      ...demoStoryRoutes(store, clock),
      ...ingestRoutes(store, clock),
      ...importRoutes(store, clock),
      ...sourceRoutes(store, clock, logger, options.inbox),
    ],
    { tokens: store.tokens, chargeLeads: limiter?.chargeLeads },
  );
  // The console is a web page with its own routing in the browser under its path; its two
  // declarations (the page, the assets) document it.
  // The console exchanges a sign-in code at the provider itself: its policy names those token endpoints.
  const tokenEndpoints = async () => (await sso.available()).map((p) => p.tokenEndpoint);
  app.route(routes.console.path, consoleRoutes(undefined, { tokenEndpoints }));

  app.notFound((c) =>
    problem(c, 404, 'not-found', `Nothing at ${c.req.method} ${redact(c.req.path)}. The API is under /v1.`),
  );
  app.onError((error, c) => {
    logger.error(`error ${c.req.method} ${redact(c.req.path)}: ${redact(error.name)}: ${redact(error.message)}`);
    if (databaseUnavailable(error)) {
      // Nothing was written (a transaction that cannot reach its database does not commit): safe to resend.
      c.header('Retry-After', String(UNAVAILABLE_RETRY_SECONDS));
      return problem(
        c,
        503,
        'database-unavailable',
        `The database is not answering right now; nothing was changed. Try again in ${UNAVAILABLE_RETRY_SECONDS} s.`,
      );
    }
    return problem(c, 500, 'server-error', 'Something went wrong on the server; the error has been logged.');
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
