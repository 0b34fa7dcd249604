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

/** Lets the listed roles through; admin is always allowed. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { role } = c.get('me');
    if (role !== 'admin' && !roles.includes(role)) {
      const allowed = [...new Set<Role>([...roles, 'admin'])];
      const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');
      const first = allowed[0] ?? 'admin';
      return problem(
        c,
        403,
        'forbidden',
        `This needs ${article(first)} ${allowed.join(' or ')} token; yours is ${article(role)} ${role} token.`,
      );
    }
    await next();
  };
}
