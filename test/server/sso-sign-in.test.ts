import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthProviders, Me, Session } from '../../lib/contract/index.ts';
import { startOidcProvider, type TestProvider } from '../support/oidc-provider.ts';
import { expectProblem, read, startTestServer, type TestServer } from './helpers.ts';
import { authorizeUrl, Browser, exchangeCode, pkce } from './sso-browser.ts';
import { ada, bob, CLIENT_ID, CONSOLE_REDIRECT, connect, grace, outsider, signIn } from './sso-fixtures.ts';

// Signing in with a real OpenID provider: its ID token exchanged for a session that works like an
// access token, with the role its groups map to.

let server: TestServer;
let acme: TestProvider;
let partners: TestProvider;
let down: TestProvider;

beforeAll(async () => {
  const clients = [{ clientId: CLIENT_ID, redirectUris: [CONSOLE_REDIRECT] }];
  [server, acme, partners, down] = await Promise.all([
    startTestServer(),
    startOidcProvider({ clients, accounts: [ada, grace, bob, outsider] }),
    startOidcProvider({ clients, accounts: [ada, outsider] }),
    startOidcProvider({ clients, accounts: [ada] }),
  ]);
  await connect(server, acme.issuer, {
    name: 'Acme',
    roleClaim: 'groups',
    roleMap: { 'sales-ops': 'manager', marketing: 'marketer', 'it-admins': 'admin' },
  });
  // Partners sign in only with acme.example addresses, as marketers.
  await connect(server, partners.issuer, {
    name: 'Partners',
    defaultRole: 'marketer',
    allowedDomains: ['acme.example'],
  });
  await connect(server, down.issuer, { name: 'Gone' });
  await down.close();
});
afterAll(async () => {
  await Promise.all([server.close(), acme.close(), partners.close()]);
});

async function me(token: string) {
  return read(await server.request('GET', '/v1/me', { token }), Me);
}

describe('signing in with an ID token', () => {
  it('gives a session for the code flow with the provider; the session works on /v1/me as the person', async () => {
    const browser = new Browser(acme);
    const { verifier, challenge } = pkce();
    const login = await browser.follow(authorizeUrl(acme, CLIENT_ID, CONSOLE_REDIRECT, challenge));
    const landed = await browser.submitLogin(login.res, ada.email);
    const code = new URL(landed).searchParams.get('code') ?? '';
    const exchanged = await exchangeCode(acme, CLIENT_ID, code, verifier, CONSOLE_REDIRECT);
    const { id_token: idToken } = (await exchanged.json()) as { id_token: string };

    const before = Date.now();
    const session = await read(await signIn(server, idToken), Session, 201);
    expect(session).toMatchObject({ role: 'manager', name: 'Ada Lovelace' });
    expect(session.token).toMatch(/^cf_/);
    const hours = (Date.parse(session.expiresAt) - before) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12.01);
    expect(await me(session.token)).toMatchObject({ name: 'Ada Lovelace', role: 'manager' });
    // A manager's session opens what a manager's token opens, and no more.
    expect((await server.request('GET', '/v1/feedback', { token: session.token })).status).toBe(200);
    await expectProblem(await server.request('GET', '/v1/sessions', { token: session.token }), 403);
  });

  it('maps several groups to the highest-privilege role among them', async () => {
    const session = await read(await signIn(server, await acme.idToken(grace, CLIENT_ID)), Session, 201);
    expect(session.role).toBe('marketer');
    expect(await me(session.token)).toMatchObject({ role: 'marketer', name: 'Grace Hopper' });
  });

  it("gives the provider's default role when no group is mapped, and the email as name when there is none", async () => {
    const noGroups = await read(await signIn(server, await acme.idToken(bob, CLIENT_ID)), Session, 201);
    expect(noGroups.role).toBe('rep');
    const unmapped = await acme.idToken(bob, CLIENT_ID, { groups: ['cafeteria'], name: undefined });
    const nameless = await read(await signIn(server, unmapped), Session, 201);
    expect(nameless).toMatchObject({ role: 'rep', name: 'bob@acme.example' });
    const partner = await read(await signIn(server, await partners.idToken(ada, CLIENT_ID)), Session, 201);
    expect(partner.role).toBe('marketer');
  });

  it("lets in only the provider's allowed domains", async () => {
    const refused = await expectProblem(await signIn(server, await partners.idToken(outsider, CLIENT_ID)), 401);
    expect(refused.type).toBe('urn:coalface:problem:id-token-domain');
    expect(refused.detail).toContain('olga@elsewhere.example');
    expect(refused.detail).toContain('acme.example');
    // The same person is let in through a provider without a domain list.
    expect((await signIn(server, await acme.idToken(outsider, CLIENT_ID))).status).toBe(201);
  });

  it('signing in again gives a fresh session, and the first one still works', async () => {
    const first = await read(await signIn(server, await acme.idToken(bob, CLIENT_ID)), Session, 201);
    const second = await read(await signIn(server, await acme.idToken(bob, CLIENT_ID)), Session, 201);
    expect(second.token).not.toBe(first.token);
    expect((await me(first.token)).name).toBe('Bob Builder');
    expect((await me(second.token)).name).toBe('Bob Builder');
  });
});

describe('GET /v1/auth/providers', () => {
  it('lists each reachable provider with what a client needs for the code flow, without a token', async () => {
    const res = await server.request('GET', '/v1/auth/providers');
    const { providers } = await read(res, AuthProviders);
    expect(providers.map((p) => p.name)).toEqual(['Acme', 'Partners']);
    const [acmeEntry, partnersEntry] = providers;
    expect(acmeEntry).toEqual({
      id: expect.stringMatching(/^sso_[0-9a-f]{16}$/),
      name: 'Acme',
      issuer: acme.issuer,
      clientId: CLIENT_ID,
      authorizationEndpoint: `${acme.issuer}/auth`,
      tokenEndpoint: `${acme.issuer}/token`,
      // Acme maps its groups claim, and offers a scope of that name.
      scopes: ['openid', 'email', 'profile', 'groups'],
      // A public client (no secret): the browser exchanges the code.
      codeExchange: 'browser',
    });
    expect(partnersEntry?.scopes).toEqual(['openid', 'email', 'profile']);
    // The provider that does not answer is left out and logged, not a 500.
    expect(
      server.logs.some((l) => l.includes('left out of the list') && l.includes('Fetching the discovery document')),
    ).toBe(true);
  });
});
