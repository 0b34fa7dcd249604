// The only code that talks to the endpoint. Every response is parsed with the contract's schemas,
// and every failure becomes a sentence a rep can act on.
import type { z } from 'zod';
import { ChangesPage } from '../contract/changes.ts';
import { Problem } from '../contract/common.ts';
import { Feedback, type FeedbackInput } from '../contract/feedback.ts';
import { type LookupRequest, LookupResponse, TimelinePage } from '../contract/lookup.ts';
import { Me } from '../contract/me.ts';
import { checkEndpoint } from '../endpoint-url.ts';
import { parseRetryAfter } from './backoff.ts';

export class EndpointError extends Error {
  constructor(
    message: string,
    /** null: the endpoint could not be reached at all. */
    readonly status: number | null,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'EndpointError';
  }
}

export interface Credentials {
  endpoint: string;
  token: string;
}

async function send(credentials: Credentials, path: string, init: RequestInit = {}): Promise<Response> {
  // The last gate before the token leaves: never over plain http to another computer.
  const allowed = checkEndpoint(credentials.endpoint);
  if (!allowed.ok) throw new EndpointError(allowed.message, null);
  try {
    return await fetch(`${credentials.endpoint}${path}`, {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${credentials.token}`, accept: 'application/json' },
    });
  } catch {
    throw new EndpointError(
      `Can't reach the endpoint at ${credentials.endpoint}. Check that it is running and the URL is right.`,
      null,
    );
  }
}

async function call<T extends z.ZodType>(
  credentials: Credentials,
  path: string,
  schema: T,
  init: RequestInit = {},
): Promise<z.infer<T>> {
  const response = await send(credentials, path, init);
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw new EndpointError(
      describeFailure(response.status, body),
      response.status,
      parseRetryAfter(response.headers.get('retry-after'), Date.now()),
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new EndpointError(
      `The endpoint at ${credentials.endpoint} answered ${path.split('?')[0]} in a shape this extension doesn't understand. Is it a Coalface endpoint of a matching version?`,
      response.status,
    );
  }
  return parsed.data;
}

function describeFailure(status: number, body: unknown): string {
  const problem = Problem.safeParse(body);
  const detail = problem.success ? ` ${problem.data.detail}` : '';
  if (status === 401)
    return `The endpoint refused this token (401).${detail} Check the token in Options, or ask your admin for a new one.`;
  if (status === 403) return `This token may not do that (403).${detail}`;
  if (status === 429) return `The endpoint is busy (429).${detail} Try again in a moment.`;
  if (status >= 500)
    return `The endpoint failed (${status}).${detail} Try again; if it keeps failing, tell your admin.`;
  return `The endpoint said no (${status}).${detail}`;
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export function fetchMe(endpoint: string, token: string) {
  return call({ endpoint, token }, '/v1/me', Me);
}

export function lookup(credentials: Credentials, request: LookupRequest) {
  return call(credentials, '/v1/context/lookup', LookupResponse, json(request));
}

export function postFeedback(credentials: Credentials, input: FeedbackInput) {
  return call(credentials, '/v1/feedback', Feedback, json(input));
}

export async function withdrawFeedback(credentials: Credentials, id: string): Promise<void> {
  const response = await send(credentials, `/v1/feedback/${encodeURIComponent(id)}`, { method: 'DELETE' });
  // Already gone is as good as withdrawn.
  if (response.ok || response.status === 404) return;
  const body: unknown = await response.json().catch(() => null);
  throw new EndpointError(
    describeFailure(response.status, body),
    response.status,
    parseRetryAfter(response.headers.get('retry-after'), Date.now()),
  );
}

export function fetchTimeline(credentials: Credentials, emailHash: string, before: string) {
  const query = new URLSearchParams({ emailHash, before, limit: '50' });
  return call(credentials, `/v1/leads/events?${query}`, TimelinePage);
}

export function fetchChanges(credentials: Credentials, since: string | undefined) {
  const query = since === undefined ? '' : `?${new URLSearchParams({ since })}`;
  return call(credentials, `/v1/changes${query}`, ChangesPage);
}

/** Opens the live change stream; the caller reads `body` as server-sent events. */
export async function openStream(credentials: Credentials, lastEventId: string | undefined, signal: AbortSignal) {
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  const response = await send(credentials, '/v1/stream', { headers, signal });
  if (!response.ok || !response.body) {
    throw new EndpointError(`The live stream answered ${response.status}.`, response.status);
  }
  return response.body;
}
