import type { Context, MiddlewareHandler } from 'hono';
import type { Role } from '../lib/contract/index.ts';
import type { AppEnv } from './env.ts';
import { problem } from './problem.ts';
import type { TokenStore } from './store/tokens.ts';

function unauthenticated(c: Context, detail: string) {
  c.header('WWW-Authenticate', 'Bearer realm="coalface"');
  return problem(c, 401, 'unauthenticated', detail);
}

/** Resolves `Authorization: Bearer <token>` to the caller; 401 when absent or not a live token. */
export function authenticate(tokens: TokenStore): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('Authorization');
    if (!header) return unauthenticated(c, 'Send your access token as "Authorization: Bearer <token>".');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) return unauthenticated(c, 'The Authorization header must be "Bearer <token>".');
    const me = tokens.verify(match[1]);
    if (!me)
      return unauthenticated(c, 'This access token is not valid (unknown or revoked). Ask an admin for a new one.');
    c.set('me', me);
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
