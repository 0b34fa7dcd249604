import { routes, type Session } from '../../lib/contract/index.ts';
import { problem } from '../problem.ts';
import { handle } from '../router/handle.ts';
import type { SsoDirectory } from '../sso/available-providers.ts';
import { signInWithCode } from '../sso/endpoint-code-sign-in.ts';
import { SESSION_TTL_MS, sessionGrant } from '../sso/session-grant.ts';
import { verifyIdToken } from '../sso/verify-id-token.ts';
import type { Store } from '../store/index.ts';

const PROVIDER_RETRY_SECONDS = 10;
/**
 * Single sign-on: the providers to sign in with, a provider's ID token exchanged for a session (a
 * token that expires), and an admin's view of sessions.
 */
export function sessionRoutes(
  store: Store,
  clock: () => Date,
  { providers, metadata, available, logger }: SsoDirectory,
) {
  const list = handle(routes.authProviders, async (c) => c.json({ providers: await available() }));

  const create = handle(routes.createSession, async (c, { body }) => {
    const deps = {
      providerFor: (issuer: string) => providers.byIssuer(issuer),
      cache: metadata,
      now: () => clock().getTime(),
    };
    // Either the client's ID token, or a code the endpoint redeems with the provider's client secret.
    const verified =
      'idToken' in body
        ? await verifyIdToken(body.idToken, deps)
        : await signInWithCode(body, { ...deps, providers, logger, requestUrl: c.req.url });
    if (!verified.ok) {
      const { slug, detail, status = 401 } = verified.refusal;
      // A 503: nothing is wrong with what was sent; the provider (or the endpoint's key) is not available now.
      if (status === 503) c.header('Retry-After', String(PROVIDER_RETRY_SECONDS));
      else c.header('WWW-Authenticate', 'Bearer realm="coalface", error="invalid_token"');
      return problem(c, status, slug, detail);
    }
    const grant = sessionGrant(verified.provider, verified.person);
    const now = clock();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
    const made = await store.tokens.createSession(grant, now.toISOString(), expiresAt);
    const session: Session = { token: made.token, role: grant.role, name: made.name, expiresAt };
    c.header('Cache-Control', 'no-store');
    return c.json(session, 201);
  });

  const listSessions = handle(routes.listSessions, async (c, { query }) => {
    const sessions = await store.tokens.listSessions({ email: query.email, now: clock().toISOString() });
    return c.json({ sessions });
  });

  const revoke = handle(routes.revokeSession, async (c, { params: { id } }) => {
    const outcome = await store.tokens.revokeSession(id, clock().toISOString());
    if (outcome === 'unknown') return problem(c, 404, 'not-found', `There is no session with id ${id.slice(0, 80)}.`);
    return c.body(null, 204);
  });

  return [list, create, listSessions, revoke];
}
