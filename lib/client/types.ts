// What a call of a declared route takes and answers, derived from its declaration in lib/contract/routes.ts.
import type { z } from 'zod';
import type { RouteParams, RouteRequest } from '../contract/routes.ts';
import type { RawBody } from './request.ts';

type BodyPart<R> = R extends { readonly rawBody: object }
  ? { body: RawBody }
  : [RouteRequest<R>['body']] extends [undefined]
    ? { body?: undefined }
    : { body: RouteRequest<R>['body'] };
type ParamsPart<R> = R extends { readonly params: object } ? { params: RouteParams<R> } : { params?: undefined };
type QueryPart<R> = R extends { readonly query: z.ZodType }
  ? { query?: RouteRequest<R>['query'] }
  : { query?: undefined };
/** Only the headers the route declares (If-Match, If-None-Match, Last-Event-ID). */
type HeadersPart<R> = R extends { readonly headers: infer H }
  ? { headers?: { readonly [K in keyof H]?: string | undefined } }
  : { headers?: undefined };

/** What a call of route `R` sends: its body, path parameters and query as declared, and the headers it declares. */
export type CallRequest<R> = BodyPart<R> & ParamsPart<R> & QueryPart<R> & HeadersPart<R> & { signal?: AbortSignal };

/** The request argument: optional when the route needs nothing (no body, no path parameters). */
export type CallArgs<R> =
  Record<never, never> extends CallRequest<R> ? [request?: CallRequest<R>] : [request: CallRequest<R>];

type AnswerOf<S> = S extends { readonly schema: infer Z extends z.ZodType } ? z.output<Z> : Response;

/**
 * What a success of route `R` answers: the checked JSON for a status whose declaration has a schema;
 * the response itself, body unread, for one without (the console page, the event stream, the OpenAPI document).
 */
export type RouteAnswer<R> = R extends { readonly responses: infer Rs }
  ? { [S in keyof Rs]: AnswerOf<Rs[S]> }[keyof Rs]
  : never;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;
