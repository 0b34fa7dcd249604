// The background's side of the endpoint client: the endpoint rule checked before the token leaves,
// and every failure turned into an EndpointError with a sentence a rep can act on.
import { createClient } from '../client/client.ts';
import type { CallArgs, RouteAnswer } from '../client/types.ts';
import type { Problem } from '../contract/common.ts';
import { type Operation, routes } from '../contract/routes.ts';
import { checkEndpoint } from '../endpoint-url.ts';
import { parseRetryAfter } from './backoff.ts';

export class EndpointError extends Error {
  constructor(
    message: string,
    /** null: the endpoint could not be reached at all. */
    readonly status: number | null,
    readonly retryAfterMs?: number,
    /** The problem's own `detail`, when the endpoint sent one. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'EndpointError';
  }
}

export interface Credentials {
  endpoint: string;
  /** Absent only for the routes anyone may call (the providers, signing in). */
  token?: string;
}

type RefusedListener = (credentials: Credentials) => Promise<void>;
let onRefused: RefusedListener | undefined;

/**
 * Told, before the caller hears of it, when the endpoint answers 401 to a token: a session token
 * refused means the rep is signed out (signed-out.ts), whichever call found out.
 */
export function whenTokenRefused(listener: RefusedListener | undefined): void {
  onRefused = listener;
}

/** Calls `route` on the rep's endpoint: its checked answer, or an EndpointError. */
export async function callEndpoint<R extends Operation>(
  credentials: Credentials,
  route: R,
  ...request: CallArgs<R>
): Promise<RouteAnswer<R>> {
  // The last gate before the token leaves: never over plain http to another computer.
  const allowed = checkEndpoint(credentials.endpoint);
  if (!allowed.ok) throw new EndpointError(allowed.message, null);
  const client = createClient({ baseUrl: credentials.endpoint, token: credentials.token });
  const result = await client.call(route, ...request);
  if (result.ok) return result.data;
  if (result.reason === 'unreachable') {
    throw new EndpointError(
      `Can't reach the endpoint at ${credentials.endpoint}. Check that it is running and the URL is right.`,
      null,
    );
  }
  if (result.reason === 'refused') {
    if (result.status === 401 && credentials.token !== undefined) await onRefused?.(credentials).catch(() => undefined);
    throw new EndpointError(
      describeFailure(result.status, result.problem),
      result.status,
      parseRetryAfter(result.response.headers.get('retry-after'), Date.now()),
      result.problem?.detail,
    );
  }
  throw new EndpointError(
    `The endpoint at ${credentials.endpoint} answered ${result.path} in a shape this extension doesn't understand. Is it a Coalface endpoint of a matching version?`,
    result.status,
  );
}

function describeFailure(status: number, problem: Problem | null): string {
  const detail = problem ? ` ${problem.detail}` : '';
  if (status === 401)
    return `The endpoint refused this token (401).${detail} Check the token in Options, or ask your admin for a new one.`;
  if (status === 403) return `This token may not do that (403).${detail}`;
  if (status === 429) return `The endpoint is busy (429).${detail} Try again in a moment.`;
  if (status >= 500)
    return `The endpoint failed (${status}).${detail} Try again; if it keeps failing, tell your admin.`;
  return `The endpoint said no (${status}).${detail}`;
}

/** Who the token belongs to: how Connect checks an endpoint and token before keeping them. */
export function fetchMe(endpoint: string, token: string) {
  return callEndpoint({ endpoint, token }, routes.me);
}
