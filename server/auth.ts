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

function refusal(header: string | undefined, token: string | null): string {
  if (!header) return 'Send your access token as "Authorization: Bearer <token>".';
  if (!token) return 'The Authorization header must be "Bearer <token>".';
  return 'This access token is not valid (unknown or revoked). Ask an admin for a new one.';
}

/** Per request, so the rate limiter and `authenticate` verify a token once between them. */
const callers = new WeakMap<Request, Caller>();

export function identify(c: Context, tokens: TokenStore): Caller {
  const known = callers.get(c.req.raw);
  if (known) return known;
  const header = c.req.header('Authorization');
  const token = bearerToken(header);
  const me = token ? tokens.verify(token) : null;
  const caller: Caller = token && me ? { ok: true, me, token } : { ok: false, detail: refusal(header, token) };
  callers.set(c.req.raw, caller);
  return caller;
}

/** Resolves `Authorization: Bearer <token>` to the caller; 401 when absent or not a live token. */
export function authenticate(tokens: TokenStore): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = identify(c, tokens);
    if (!caller.ok) return unauthenticated(c, caller.detail);
    c.set('me', caller.me);
    await next();
  };
}

/**
 * What a manager (a sales manager) may do besides the routes that name `manager`: everything a rep
 * may (any route that lets reps through), and read the team's feedback. Kept here, in one place, so
 * routes written for rep/marketer/admin need no change.
 */
const MANAGER_READS = /^\/v1\/feedback(\/summary)?\/?$/;

function managerMay(roles: readonly Role[], method: string, path: string): boolean {
  if (roles.includes('rep')) return true;
  return method === 'GET' && MANAGER_READS.test(path);
}

/** Lets the listed roles through; admin is always allowed, and a manager where `managerMay` says. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { role } = c.get('me');
    const allowed =
      role === 'admin' || roles.includes(role) || (role === 'manager' && managerMay(roles, c.req.method, c.req.path));
    if (!allowed) {
      const named = new Set<Role>(roles);
      if (roles.includes('rep')) named.add('manager');
      const list = [...named, 'admin'];
      const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');
      const first = list[0] ?? 'admin';
      return problem(
        c,
        403,
        'forbidden',
        `This needs ${article(first)} ${list.join(' or ')} token; yours is ${article(role)} ${role} token.`,
      );
    }
    await next();
  };
}
