import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startOidcProvider, type TestProvider } from '../support/oidc-provider.ts';
import { expectProblem, startTestServer, type TestServer } from './helpers.ts';
import { ada, CLIENT_ID, CONSOLE_REDIRECT, connect, signIn } from './sso-fixtures.ts';

// The provider's keys: fetched from its jwks_uri, kept as its caching headers say, fetched again when a
// token names a key the endpoint has not seen (at most once per 30 s).

const JWKS = '/jwks';
const DISCOVERY = '/.well-known/openid-configuration';
let shiftMs = 0;
const hourFromNow = () => Math.floor(Date.now() / 1000) + 3600;
const opened: (TestServer | TestProvider)[] = [];

async function setup(cacheControl: string | null) {
  const provider = await startOidcProvider({
    clients: [{ clientId: CLIENT_ID, redirectUris: [CONSOLE_REDIRECT] }],
    accounts: [ada],
  });
  provider.setJwksCacheControl(cacheControl);
  const server = await startTestServer({ clock: () => new Date(Date.now() + shiftMs) });
  opened.push(provider, server);
  await connect(server, provider.issuer);
  return { provider, server };
}

beforeEach(() => {
  shiftMs = 0;
});
afterAll(async () => {
  await Promise.all(opened.map((o) => o.close()));
});

describe("the provider's signing keys", () => {
  it('are fetched once and kept for the max-age the provider sends', async () => {
    const { provider, server } = await setup('public, max-age=120');
    for (let i = 0; i < 3; i++) expect((await signIn(server, await provider.idToken(ada, CLIENT_ID))).status).toBe(201);
    expect(provider.requests(JWKS)).toBe(1);
    expect(provider.requests(DISCOVERY)).toBe(1);
    shiftMs = 100_000;
    expect((await signIn(server, await provider.idToken(ada, CLIENT_ID))).status).toBe(201);
    expect(provider.requests(JWKS)).toBe(1);
    shiftMs = 125_000;
    expect((await signIn(server, await provider.idToken(ada, CLIENT_ID))).status).toBe(201);
    expect(provider.requests(JWKS)).toBe(2);
  });

  it('are kept for the default 10 minutes without caching headers', async () => {
    const { provider, server } = await setup(null);
    expect((await signIn(server, await provider.idToken(ada, CLIENT_ID, { exp: hourFromNow() }))).status).toBe(201);
    shiftMs = 9 * 60_000;
    expect((await signIn(server, await provider.idToken(ada, CLIENT_ID, { exp: hourFromNow() }))).status).toBe(201);
    expect(provider.requests(JWKS)).toBe(1);
    shiftMs = 11 * 60_000;
    expect((await signIn(server, await provider.idToken(ada, CLIENT_ID, { exp: hourFromNow() }))).status).toBe(201);
    expect(provider.requests(JWKS)).toBe(2);
  });

  it("pick up the provider's new key through a refetch on its unknown key id, at most once per 30 s", async () => {
    const { provider, server } = await setup('max-age=3600');
    expect((await signIn(server, await provider.idToken(ada, CLIENT_ID))).status).toBe(201);
    const oldKid = provider.currentKid();
    await provider.rotateKeys();
    expect(provider.currentKid()).not.toBe(oldKid);

    // Right after the first fetch, a key id the cached set lacks is refused without asking again.
    const tooSoon = await expectProblem(await signIn(server, await provider.idToken(ada, CLIENT_ID)), 401);
    expect(tooSoon.type).toBe('urn:coalface:problem:id-token-unknown-key');
    expect(provider.requests(JWKS)).toBe(1);

    shiftMs = 31_000;
    expect((await signIn(server, await provider.idToken(ada, CLIENT_ID))).status).toBe(201);
    expect(provider.requests(JWKS)).toBe(2);
    // A flood of made-up key ids right after costs no further fetches.
    for (let i = 0; i < 5; i++) {
      const made = await provider.idToken(ada, CLIENT_ID, {}, { kid: `made-up-${i}` });
      expect((await signIn(server, made)).status).toBe(401);
    }
    expect(provider.requests(JWKS)).toBe(2);
  });

  it('when the provider cannot be reached, a sign-in is answered 503 with Retry-After and a detail that says so', async () => {
    const { provider, server } = await setup(null);
    const token = await provider.idToken(ada, CLIENT_ID);
    await provider.close();
    const response = await signIn(server, token);
    expect(response.headers.get('Retry-After')).toBe('10');
    const refused = await expectProblem(response, 503);
    expect(refused.type).toBe('urn:coalface:problem:id-token-provider-unreachable');
    expect(refused.detail).toContain('discovery document');
  });
});
