// A declared route and what a caller gives it, turned into the path and fetch options to send.
import type { Operation } from '../contract/routes.ts';

export interface PreparedRequest {
  /** The path with its parameters filled in and the query after it, e.g. `/v1/feedback/abc?limit=50`. */
  path: string;
  init: { method: string; headers: Record<string, string>; body?: string | RawBody };
}

/** A body sent as it is, for a route that takes bytes (`rawBody`): a file, its bytes or its text. */
export type RawBody = Blob | ArrayBuffer | Uint8Array<ArrayBuffer> | string;

/** Any route's request, as the typed `CallRequest` of each route narrows it. */
export interface LooseRequest {
  body?: unknown;
  params?: Readonly<Record<string, string>>;
  query?: object;
  headers?: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal;
}

/** `/v1/campaigns/{key}` with `{ key: 'a/b' }` is `/v1/campaigns/a%2Fb`: a value never changes the route. */
export function fillPath(path: string, params: Readonly<Record<string, string>> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${path} needs the path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

/** `?a=1&b=x` in the order given, a list as the key repeated, leaving out absent values; empty when nothing is left. */
export function queryString(query: object = {}): string {
  const pairs = Object.entries(query)
    .flatMap(([key, value]): [string, unknown][] =>
      Array.isArray(value) ? value.map((item): [string, unknown] => [key, item]) : [[key, value]],
    )
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => [key, String(value)]);
  const search = new URLSearchParams(pairs).toString();
  return search ? `?${search}` : '';
}

/** What the success of `route` is sent as, so the endpoint and any proxy know what is wanted. */
function accepts(route: Operation): string {
  const success = Object.values(route.responses)[0];
  return success?.schema || !success?.contentType ? 'application/json' : success.contentType;
}

/**
 * The request for `route`: method and path from its declaration, the body as JSON (labelled so
 * whenever the route takes one, also for a caller that adds the body itself, like the load
 * generator) or, for a route taking bytes, as given and labelled with its first media type, the token as a bearer, and only the headers it declares (the background calls from the
 * extension's origin, where the endpoint's CORS rules allow exactly those).
 */
export function prepareRequest(route: Operation, request: LooseRequest, token?: string): PreparedRequest {
  const headers: Record<string, string> = { Accept: accepts(route) };
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (value === undefined) continue;
    if (!route.headers || !(name in route.headers)) throw new Error(`${route.operationId} declares no ${name} header`);
    headers[name] = value;
  }
  if (route.body) headers['Content-Type'] = 'application/json';
  if (route.rawBody) headers['Content-Type'] = route.rawBody.contentTypes[0];
  const init: PreparedRequest['init'] = { method: route.method.toUpperCase(), headers };
  if (request.body !== undefined) init.body = route.rawBody ? (request.body as RawBody) : JSON.stringify(request.body);
  return { path: fillPath(route.path, request.params) + queryString(request.query), init };
}
