import type { MiddlewareHandler } from 'hono';

export interface Logger {
  info(line: string): void;
  error(line: string): void;
}

/** Request lines go to stderr so stdout stays for what a script reads (the listening line). */
export const stderrLogger: Logger = {
  info: (line) => process.stderr.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};

export const silentLogger: Logger = { info: () => {}, error: () => {} };

/** `@`, or `%40` percent-encoded any number of times (`%2540`, `%252540`, …). */
const EMAIL = /[^\s/?#]+(?:@|%(?:25)*40)[^\s/?#]+/gi;
const TOKEN = /cf_[A-Za-z0-9_-]+/g;

/** Strips anything that looks like an email address or a token; logs must carry neither. */
export function redact(text: string): string {
  return text.replace(EMAIL, '[email]').replace(TOKEN, '[token]');
}

/** One line per request: method, path (never the query), status, milliseconds. */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const ms = (performance.now() - start).toFixed(1);
    logger.info(`${c.req.method} ${redact(c.req.path)} ${c.res.status} ${ms}ms`);
  };
}
