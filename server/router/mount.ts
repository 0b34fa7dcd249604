import type { Context, Hono } from 'hono';
import type { CheckedRequest, Operation } from '../../lib/contract/index.ts';
import { authorize } from '../auth.ts';
import { parseBody } from '../body.ts';
import type { AppEnv } from '../env.ts';
import type { LeadCharge } from '../rate-limit.ts';
import { parseRawBody } from '../raw-body.ts';
import { parseQuery } from '../routes/support/query.ts';
import type { TokenStore } from '../store/tokens.ts';
import type { RouteHandler } from './handle.ts';
import { honoPath } from './match.ts';

export interface MountOptions {
  tokens: TokenStore;
  /** Charges a lookup for its leads (absent when rate limits are off). */
  chargeLeads?: LeadCharge | undefined;
}

/**
 * The body (415, 400, 413, 422), then the query (422), then a body taken as bytes (415, 413), then the rest of the rate cost (429), each
 * from the declaration; the response to send instead when one of them fails.
 */
async function check(
  c: Context<AppEnv>,
  route: Operation,
  chargeLeads: LeadCharge | undefined,
): Promise<CheckedRequest<Operation> | Response> {
  let body: unknown;
  const schema = route.checkedAs ?? route.body;
  if (schema) {
    const parsed = await parseBody(c, schema);
    if (!parsed.ok) return parsed.response;
    body = parsed.data;
  }
  let query: unknown;
  if (route.query) {
    const parsed = parseQuery(c, route.query);
    if (!parsed.ok) return parsed.response;
    query = parsed.data;
  }
  // A file's bytes (up to megabytes) are read only once the query that says how to read them holds.
  if (route.rawBody) {
    const parsed = await parseRawBody(c, route.rawBody);
    if (!parsed.ok) return parsed.response;
    body = parsed.data;
  }
  if (route.rate !== null && 'unitsPer' in route.rate && chargeLeads) {
    const refused = await chargeLeads(c, (body as { leads: readonly unknown[] }).leads.length);
    if (refused) return refused;
  }
  const params = Object.fromEntries(Object.keys(route.params ?? {}).map((name) => [name, c.req.param(name)]));
  return { body, query, params } as CheckedRequest<Operation>;
}

/**
 * Registers each handler at its declared method and path, behind what its declaration asks for:
 * a live token of a listed role (401, 403), then a checked body and query and the lookup's cost.
 * (Body limits and the first rate unit are taken earlier, before routing: `bodyLimits`, `createRateLimiter`.)
 */
export function mountRoutes(app: Hono<AppEnv>, handlers: readonly RouteHandler[], options: MountOptions): void {
  const seen = new Set<string>();
  for (const { route, answer } of handlers) {
    if (seen.has(route.operationId)) throw new Error(`${route.operationId} has two handlers`);
    seen.add(route.operationId);
    const run = async (c: Context<AppEnv>) => {
      const request = await check(c, route, options.chargeLeads);
      return request instanceof Response ? request : answer(c, request);
    };
    const method = route.method.toUpperCase();
    const path = honoPath(route.path);
    if (route.access === 'public') app.on(method, path, run);
    else app.on(method, path, authorize(options.tokens, route.access, route.refusal), run);
  }
}
