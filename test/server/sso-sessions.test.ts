import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, SessionList } from '../../lib/contract/index.ts';
import { startOidcProvider, type TestProvider } from '../support/oidc-provider.ts';
import { expectProblem, read, startTestServer, type TestServer } from './helpers.ts';
import { ada, bob, CLIENT_ID, CONSOLE_REDIRECT, connect, signIn } from './sso-fixtures.ts';

// Sessions end: after 12 hours, or when an admin revokes one (from its very next request).

let server: TestServer;
let acme: TestProvider;

beforeAll(async () => {
  [server, acme] = await Promise.all([
    startTestServer(),
    startOidcProvider({ clients: [{ clientId: CLIENT_ID, redirectUris: [CONSOLE_REDIRECT] }], accounts: [ada, bob] }),
  ]);
  await connect(server, acme.issuer);
});
afterAll(async () => {
  await Promise.all([server.close(), acme.close()]);
});

const sessionFor = async (who: typeof ada) =>
  read(await signIn(server, await acme.idToken(who, CLIENT_ID)), Session, 201);
const meStatus = async (token: string) => (await server.request('GET', '/v1/me', { token })).status;
const admin = () => server.tokens.admin;

describe('sessions', () => {
  it('an expired session is refused on /v1/me', async () => {
    const session = await sessionFor(ada);
    expect(await meStatus(session.token)).toBe(200);
    const [listed] = (
      await read(await server.request('GET', `/v1/sessions?email=${ada.email}`, { token: admin() }), SessionList)
    ).sessions;
    // Twelve hours pass.
    await server.store.db
      .updateTable('tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', listed?.id ?? '')
      .execute();
    const refused = await expectProblem(await server.request('GET', '/v1/me', { token: session.token }), 401);
    expect(refused.type).toBe('urn:coalface:problem:unauthenticated');
    expect(refused.detail).toBe('Your session has expired: sign in again.');
  });

  it("an admin's revoke refuses the session's very next request; others' sessions go on", async () => {
    const bobs = await sessionFor(bob);
    await new Promise((resolve) => setTimeout(resolve, 5)); // two distinct creation times
    const other = await sessionFor(bob);
    const { sessions } = await read(
      await server.request('GET', `/v1/sessions?email=${encodeURIComponent('BOB@acme.example')}`, { token: admin() }),
      SessionList,
    );
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toMatchObject({
      email: bob.email,
      name: 'Bob Builder',
      role: 'rep',
      issuer: acme.issuer,
      revokedAt: null,
    });
    expect(JSON.stringify(sessions)).not.toContain(bobs.token);
    // Newest first: the second sign-in is listed first.
    const [newest, oldest] = sessions;
    expect(Date.parse(newest?.createdAt ?? '')).toBeGreaterThan(Date.parse(oldest?.createdAt ?? ''));

    const target = oldest?.id ?? '';
    expect(await meStatus(bobs.token)).toBe(200);
    const revoked = await server.request('DELETE', `/v1/sessions/${target}`, { token: admin() });
    expect(revoked.status).toBe(204);
    const signedOut = await expectProblem(await server.request('GET', '/v1/me', { token: bobs.token }), 401);
    expect(signedOut.detail).toBe('Your session was signed out by an admin: sign in again.');
    expect(await meStatus(other.token)).toBe(200);
    // Again: still 204; the list shows when.
    expect((await server.request('DELETE', `/v1/sessions/${target}`, { token: admin() })).status).toBe(204);
    const after = await read(
      await server.request('GET', `/v1/sessions?email=${bob.email}`, { token: admin() }),
      SessionList,
    );
    expect(after.sessions.find((s) => s.id === target)?.revokedAt).not.toBeNull();
  });

  it('without an email, lists only live sessions', async () => {
    const live = await sessionFor(ada);
    const { sessions } = await read(await server.request('GET', '/v1/sessions', { token: admin() }), SessionList);
    expect(sessions.every((s) => s.revokedAt === null && Date.parse(s.expiresAt) > Date.now())).toBe(true);
    expect(sessions.some((s) => s.email === ada.email)).toBe(true);
    expect(await meStatus(live.token)).toBe(200);
  });

  it('revoking an unknown id, or an access token through this route, is a 404', async () => {
    await expectProblem(await server.request('DELETE', '/v1/sessions/ses_0000000000000000', { token: admin() }), 404);
    const [accessToken] = await server.store.tokens.list();
    await expectProblem(await server.request('DELETE', `/v1/sessions/${accessToken?.id}`, { token: admin() }), 404);
    expect(await meStatus(server.tokens.rep)).toBe(200);
  });

  it('only admins see and revoke sessions', async () => {
    await expectProblem(await server.request('GET', '/v1/sessions', { token: server.tokens.manager }), 403);
    await expectProblem(
      await server.request('DELETE', '/v1/sessions/ses_0000000000000000', { token: server.tokens.rep }),
      403,
    );
    await expectProblem(await server.request('GET', '/v1/sessions'), 401);
  });

  it('sessions stay out of the access token list', async () => {
    const ids = (await server.store.tokens.list()).map((t) => t.id);
    expect(ids.every((id) => id.startsWith('tok_'))).toBe(true);
  });
});
