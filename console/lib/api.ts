import type { z } from 'zod';
import { Problem } from '../../lib/contract/common.ts';

/** What a call to the endpoint came to: the parsed body, or a problem with a sentence to show. */
export type ApiResult<T> = { ok: true; data: T; status: number } | { ok: false; status: number; problem: Problem };

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** The version the edit was based on; sent as `If-Match: "<version>"`. */
  ifMatch?: number;
  /** `*`: create only; the endpoint answers 412 when the item exists already. */
  ifNoneMatch?: '*';
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  token: string;
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

/** The one place the console talks to the endpoint: bearer token, JSON, problem details, zod-checked answers. */
export class ApiClient {
  readonly #token: string;
  readonly #fetch: FetchLike;
  readonly #onUnauthorized: () => void;
  readonly #base: string;

  constructor(options: ApiClientOptions) {
    this.#token = options.token;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#onUnauthorized = options.onUnauthorized ?? (() => {});
    this.#base = options.base ?? '';
  }

  async call<T>(path: string, schema: z.ZodType<T>, request: ApiRequest = {}): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.#token}`, Accept: 'application/json' };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    if (request.ifMatch !== undefined) headers['If-Match'] = `"${request.ifMatch}"`;
    if (request.ifNoneMatch !== undefined) headers['If-None-Match'] = request.ifNoneMatch;
    let response: Response;
    try {
      response = await this.#fetch(`${this.#base}${path}`, {
        method: request.method ?? 'GET',
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      });
    } catch {
      return {
        ok: false,
        status: 0,
        problem: localProblem(0, 'Offline', 'The endpoint could not be reached. Check your connection and try again.'),
      };
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      if (response.status === 401) this.#onUnauthorized();
      const parsed = Problem.safeParse(json);
      const problem = parsed.success
        ? parsed.data
        : localProblem(response.status, response.statusText || 'Error', `The endpoint answered ${response.status}.`);
      return { ok: false, status: response.status, problem };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const detail = `The endpoint's answer to ${path.split('?')[0]} was not in the expected shape; the console may be older than the endpoint.`;
      return {
        ok: false,
        status: response.status,
        problem: localProblem(response.status, 'Unexpected answer', detail),
      };
    }
    return { ok: true, data: parsed.data, status: response.status };
  }
}
