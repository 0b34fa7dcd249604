import type { Context, MiddlewareHandler } from 'hono';
import type { Me, Role } from '../lib/contract/index.ts';
import type { AppEnv } from './env.ts';
import { problem } from './problem.ts';
import type { TokenStore } from './store/tokens.ts';

function unauthenticated(c: Context, detail: string) {
  c.header('WWW-Authenticate', 'Bearer realm="coalface"');
  return problem(c, 401, 'unauthenticated', detail);
}

/** The token in `Authorization: Bearer <token>` (the scheme in any case, any spaces around); null if none. */
export function bearerToken(header: string | undefined): string | null {
  return (header && /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1]) || null;
}

/** Who sent a request: a live token's owner, or why not (the `detail` of the 401). */
export type Caller = { ok: true; me: Me; token: string } | { ok: false; detail: string };

const REFUSED = {
  'session-expired': 'Your session has expired: sign in again.',
  'session-revoked': 'Your session was signed out by an admin: sign in again.',
  revoked: 'This access token has been revoked. Ask an admin for a new one.',
  unknown: 'This access token is not valid (unknown or revoked). Ask an admin for a new one.',
} as const;

async function whyRefused(header: string | undefined, token: string | null, tokens: TokenStore): Promise<string> {
  if (!header) return 'Send your access token as "Authorization: Bearer <token>".';
  if (!token) return 'The Authorization header must be "Bearer <token>".';
  return REFUSED[await tokens.refusal(token)];
}

/** Per request, so the rate limiter and `authenticate` verify a token once between them. */
const callers = new WeakMap<Request, Promise<Caller>>();

export function identify(c: Context, tokens: TokenStore): Promise<Caller> {
  const known = callers.get(c.req.raw);
  if (known) return known;
  const header = c.req.header('Authorization');
  const token = bearerToken(header);
  const caller = (async (): Promise<Caller> => {
    const me = token ? await tokens.verify(token) : null;
    return token && me ? { ok: true, me, token } : { ok: false, detail: await whyRefused(header, token, tokens) };
  })();
  callers.set(c.req.raw, caller);
  return caller;
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

/**
 * Lets through a live token (else 401) whose role is one of `roles`, the declared ones (else 403,
 * with `refusal` as its detail when the route gives one).
 */
export function authorize(tokens: TokenStore, roles: readonly Role[], refusal?: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = await identify(c, tokens);
    if (!caller.ok) return unauthenticated(c, caller.detail);
    const { role } = caller.me;
    c.set('me', caller.me);
    if (!roles.includes(role)) {
      const first = roles[0] ?? 'admin';
      const needs = `This needs ${article(first)} ${roles.join(' or ')} token; yours is ${article(role)} ${role} token.`;
      return problem(c, 403, 'forbidden', refusal ?? needs);
    }
    await next();
  };
}
