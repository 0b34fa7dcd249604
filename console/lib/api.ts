import { type Client, createClient } from '../../lib/client/client.ts';
import type { CallArgs, FetchLike, RouteAnswer } from '../../lib/client/types.ts';
import type { Problem } from '../../lib/contract/common.ts';
import type { Operation } from '../../lib/contract/routes.ts';

export type { FetchLike };

/** What a call to the endpoint came to: the parsed body, or a problem with a sentence to show. */
export type ApiResult<T> = { ok: true; data: T; status: number } | { ok: false; status: number; problem: Problem };

export interface ApiClientOptions {
  /** Absent for the routes anyone may call (the providers, signing in). */
  token?: string;
  fetch?: FetchLike;
  /** Called on every 401, so the console can ask for the token again without losing the page. */
  onUnauthorized?: () => void;
  /** Prefix of every path (the endpoint's origin); empty means the page's own origin. */
  base?: string;
}

const localProblem = (status: number, title: string, detail: string): Problem => ({
  type: 'urn:coalface:console',
  title,
  status,
  detail,
});

/** The console's side of the endpoint client: every failure as a problem to show, and a 401 reported. */
export class ApiClient {
  readonly #client: Client;
  readonly #onUnauthorized: () => void;

  constructor(options: ApiClientOptions) {
    this.#client = createClient({ baseUrl: options.base ?? '', token: options.token, fetch: options.fetch });
    this.#onUnauthorized = options.onUnauthorized ?? (() => {});
  }

  async call<R extends Operation>(route: R, ...request: CallArgs<R>): Promise<ApiResult<RouteAnswer<R>>> {
    const result = await this.#client.call(route, ...request);
    if (result.ok) return { ok: true, data: result.data, status: result.status };
    if (result.reason === 'unreachable') {
      const detail = 'The endpoint could not be reached. Check your connection and try again.';
      return { ok: false, status: 0, problem: localProblem(0, 'Offline', detail) };
    }
    const { status, response } = result;
    if (result.reason === 'refused') {
      if (status === 401) this.#onUnauthorized();
      const problem =
        result.problem ?? localProblem(status, response.statusText || 'Error', `The endpoint answered ${status}.`);
      return { ok: false, status, problem };
    }
    const detail = `The endpoint's answer to ${result.path} was not in the expected shape; the console may be older than the endpoint.`;
    return { ok: false, status, problem: localProblem(status, 'Unexpected answer', detail) };
  }
}
