// The only code that talks to the endpoint. Every response is parsed with the contract's schemas,
// and every failure becomes a sentence a rep can act on.
import type { z } from 'zod';
import { Problem } from '../contract/common.ts';
import { type LookupRequest, LookupResponse } from '../contract/lookup.ts';
import { Me } from '../contract/me.ts';

export class EndpointError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'EndpointError';
  }
}

async function call<T extends z.ZodType>(
  endpoint: string,
  token: string,
  path: string,
  schema: T,
  init: RequestInit = {},
): Promise<z.infer<T>> {
  let response: Response;
  try {
    response = await fetch(`${endpoint}${path}`, {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${token}`, accept: 'application/json' },
    });
  } catch {
    throw new EndpointError(
      `Can't reach the endpoint at ${endpoint}. Check that it is running and the URL is right.`,
      null,
    );
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new EndpointError(describeFailure(response.status, body), response.status);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new EndpointError(
      `The endpoint at ${endpoint} answered ${path} in a shape this extension doesn't understand. Is it a Coalface endpoint of a matching version?`,
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

export function fetchMe(endpoint: string, token: string) {
  return call(endpoint, token, '/v1/me', Me);
}

export function lookup(endpoint: string, token: string, request: LookupRequest) {
  return call(endpoint, token, '/v1/context/lookup', LookupResponse, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
}
