import type { MiddlewareHandler } from 'hono';
import { replaceUnprintable } from './unprintable.ts';

export interface Logger {
  info(line: string): void;
  error(line: string): void;
}

let pending = '';
let flushing = false;

function flush(): void {
  flushing = false;
  if (pending === '') return;
  const out = pending;
  pending = '';
  process.stderr.write(out);
}

/**
 * Request lines go to stderr so stdout stays for what a script reads (the listening line). Writing
 * stderr to a file or pipe is a system call each time: the lines of one turn of the event loop go out
 * together, and an error line at once (after what came before it), and whatever is left at exit.
 */
export const stderrLogger: Logger = {
  info(line) {
    pending += `${line}\n`;
    if (flushing) return;
    flushing = true;
    setImmediate(flush);
  },
  error(line) {
    pending += `${line}\n`;
    flush();
  },
};
process.on('exit', flush);

/** `@`, or `%40` percent-encoded any number of times (`%2540`, `%252540`, …). */
const EMAIL = /[^\s/?#]+(?:@|%(?:25)*40)[^\s/?#]+/gi;
const TOKEN = /cf_[A-Za-z0-9_-]+/g;

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Control, format and line-separator characters as escapes: `\n`, `\x1b`, `\u2028`, `\u{e0001}`. */
export function escapeUnprintable(text: string): string {
  return replaceUnprintable(text, (char) => {
    const named = NAMED_ESCAPES[char];
    if (named) return named;
    const code = char.codePointAt(0) ?? 0;
    const hex = code.toString(16);
    if (code < 0x100) return `\\x${hex.padStart(2, '0')}`;
    return code < 0x10000 ? `\\u${hex.padStart(4, '0')}` : `\\u{${hex}}`;
  });
}

/**
 * Strips anything that looks like an email address or a token (logs must carry neither), then
 * escapes what could break or disguise a log line.
 */
export function redact(text: string): string {
  return escapeUnprintable(text.replace(EMAIL, '[email]').replace(TOKEN, '[token]'));
}

/**
 * One line per request: method, path (never the query), status, milliseconds. Spaces in the path
 * are written `%20`, so a line always splits into those four fields and a path cannot pose as one.
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const ms = (performance.now() - start).toFixed(1);
    logger.info(`${c.req.method} ${redact(c.req.path).replaceAll(' ', '%20')} ${c.res.status} ${ms}ms`);
  };
}
