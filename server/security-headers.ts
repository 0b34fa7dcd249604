import type { MiddlewareHandler } from 'hono';

/** The console runs only its own scripts and styles and talks only to its own origin. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** JSON answers are never rendered as documents; if one is, it may load nothing. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export const HSTS = 'max-age=31536000';

export interface SecurityHeaderOptions {
  /** Believe `X-Forwarded-Proto` (set only when a TLS-terminating reverse proxy is in front). */
  trustProxy: boolean;
}

/**
 * Headers on every response. HSTS only when the request reached us over TLS through a trusted proxy:
 * sent over plain HTTP it would be ignored at best, and would lock out a plain-HTTP local setup at worst.
 */
export function securityHeaders({ trustProxy }: SecurityHeaderOptions): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('X-Frame-Options', 'DENY');
    const path = c.req.path;
    if (path === '/console' || path.startsWith('/console/')) {
      // A route may send a stricter policy of its own; otherwise the console gets this one.
      if (!h.has('Content-Security-Policy')) h.set('Content-Security-Policy', CONSOLE_CSP);
    } else {
      h.set('Content-Security-Policy', API_CSP);
    }
    if (path.startsWith('/v1/') || path === '/v1') h.set('Cache-Control', 'no-store');
    if (trustProxy && c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim().toLowerCase() === 'https') {
      h.set('Strict-Transport-Security', HSTS);
    }
  };
}
