import type { Context } from 'hono';
import type { CheckedRequest, Operation } from '../../lib/contract/index.ts';
import type { AppEnv } from '../env.ts';

type Answer = Response | Promise<Response>;

/** A declared route and the function that answers it; `mountRoutes` registers it. */
export interface RouteHandler {
  route: Operation;
  answer: (c: Context<AppEnv>, request: CheckedRequest<Operation>) => Answer;
}

/**
 * Pairs a declaration (`routes.lookup`) with its handler. By the time the handler runs, the caller is
 * authenticated and of a declared role, and the body, query and path parameters are checked and typed
 * from the declaration.
 */
export function handle<R extends Operation>(
  route: R,
  answer: (c: Context<AppEnv>, request: CheckedRequest<R>) => Answer,
): RouteHandler {
  return { route, answer: answer as RouteHandler['answer'] };
}
