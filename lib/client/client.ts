// One typed client of the endpoint, for the background, the console, the benchmarks and the tests:
// each call names a declaration from lib/contract/routes.ts and gets back the answer checked against
// the schema declared for its status, or a typed failure to word the way its caller needs.
import type { z } from 'zod';
import { Problem } from '../contract/common.ts';
import type { Operation } from '../contract/routes.ts';
import { type LooseRequest, prepareRequest } from './request.ts';
import type { CallArgs, FetchLike, RouteAnswer } from './types.ts';

export interface ClientOptions {
  /** The endpoint's address, e.g. `https://coalface.example.com`; empty for the page's own origin. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; absent for public routes. */
  token?: string;
  /** Defaults to the global fetch, looked up at each call. */
  fetch?: FetchLike;
}

export type CallFailure =
  /** No answer at all: the network, DNS, a refused connection, or the call was aborted. */
  | { ok: false; reason: 'unreachable'; status: null; error: unknown }
  /** An error status; `problem` is its problem details, null when the body was not one. */
  | { ok: false; reason: 'refused'; status: number; problem: Problem | null; response: Response }
  /** A success this client cannot read: a status the route does not declare, or a body not in its schema. */
  | { ok: false; reason: 'unexpected'; status: number; path: string; issues: z.core.$ZodIssue[]; response: Response };

export type CallResult<R> = { ok: true; status: number; data: RouteAnswer<R>; response: Response } | CallFailure;

export interface Client {
  call<R extends Operation>(route: R, ...request: CallArgs<R>): Promise<CallResult<R>>;
}

export function createClient(options: ClientOptions): Client {
  const send: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    async call<R extends Operation>(route: R, ...args: CallArgs<R>): Promise<CallResult<R>> {
      const request: LooseRequest = args[0] ?? {};
      const { path, init } = prepareRequest(route, request, options.token);
      let response: Response;
      try {
        response = await send(`${options.baseUrl}${path}`, { ...init, signal: request.signal ?? null });
      } catch (error) {
        return { ok: false, reason: 'unreachable', status: null, error };
      }
      const { status } = response;
      const declared = response.ok ? route.responses[status] : undefined;
      if (declared && !declared.schema) return { ok: true, status, data: response as RouteAnswer<R>, response };
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) {
        const problem = Problem.safeParse(body);
        return { ok: false, reason: 'refused', status, problem: problem.success ? problem.data : null, response };
      }
      const parsed = declared?.schema?.safeParse(body);
      if (!parsed?.success) {
        const issues = parsed?.error.issues ?? [];
        return { ok: false, reason: 'unexpected', status, path: path.split('?')[0] ?? path, issues, response };
      }
      return { ok: true, status, data: parsed.data as RouteAnswer<R>, response };
    },
  };
}

/** The answer of a call that must succeed (test set-up, benchmarks); otherwise an error saying what came back. */
export function answered<R>(result: CallResult<R>): RouteAnswer<R> {
  if (result.ok) return result.data;
  if (result.reason === 'unreachable') throw new Error(`the endpoint could not be reached: ${String(result.error)}`);
  const detail =
    result.reason === 'refused' ? (result.problem?.detail ?? 'no problem details') : 'not in the declared shape';
  throw new Error(`the endpoint answered ${result.status}: ${detail}`);
}
