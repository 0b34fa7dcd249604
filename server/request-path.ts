import type { MiddlewareHandler } from 'hono';
import { getPath } from 'hono/utils/url';
import { problem } from './problem.ts';
import { hasUnprintable, replaceUnprintable } from './unprintable.ts';

/**
 * The path as routing and every middleware see it. Hono decodes the path before routing, and its
 * router matches `*` patterns with `.`, which does not match a line break (nor CR, U+2028, U+2029):
 * `/v1/me%0A` matched none of the app's `app.use('*')` or `'/v1/*'` middleware (no log line, no rate
 * limit, no security headers) yet still reached the not-found handler. Leaving such characters
 * percent-encoded, as Hono already leaves `%25`, lets every pattern match the path.
 */
export function routingPath(request: Request): string {
  const path = getPath(request);
  return hasUnprintable(path) ? replaceUnprintable(path, encodeURIComponent) : path;
}

/** No resource's path holds a control or invisible character; such a request is refused before any route. */
export function refuseUnprintablePath(): MiddlewareHandler {
  return async (c, next) => {
    if (!hasUnprintable(getPath(c.req.raw))) return next();
    return problem(
      c,
      400,
      'bad-path',
      'The path holds a control character or an invisible one (such as an encoded line break, %0A); no resource has one. Remove it and send the request again.',
    );
  };
}
