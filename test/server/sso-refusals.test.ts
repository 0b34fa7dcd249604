import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, type TestProvider } from '../support/oidc-provider.ts';
import { expectProblem, startTestServer, type TestServer } from './helpers.ts';
import { ada, CLIENT_ID, CONSOLE_REDIRECT, connect, signIn } from './sso-fixtures.ts';

// Every check on an ID token refuses with its own 401: a problem type and a detail that say which.

let server: TestServer;
let acme: TestProvider;
let unconfigured: TestProvider;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  const clients = [{ clientId: CLIENT_ID, redirectUris: [CONSOLE_REDIRECT] }];
  [server, acme, unconfigured] = await Promise.all([
    startTestServer(),
    startOidcProvider({ clients, accounts: [ada] }),
    startOidcProvider({ clients, accounts: [ada] }),
  ]);
  await connect(server, acme.issuer, { allowedDomains: ['acme.example'] });
  // Fetches the keys once, so the refusals below are about the tokens, not the first fetch.
  expect((await signIn(server, await acme.idToken(ada, CLIENT_ID))).status).toBe(201);
});
afterAll(async () => {
  await Promise.all([server.close(), acme.close(), unconfigured.close()]);
});

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const cases: [string, string, () => Promise<string>][] = [
  ['not a JWT', 'malformed', async () => 'not.a-token'],
  [
    'a JWT whose header is not JSON',
    'malformed',
    async () => `${Buffer.from('{nope').toString('base64url')}.${part({})}.c2ln`,
  ],
  ['alg none', 'unsigned', () => acme.idToken(ada, CLIENT_ID, {}, { key: 'none' })],
  ['HMAC-signed (HS256)', 'hmac', () => acme.idToken(ada, CLIENT_ID, {}, { key: 'hmac' })],
  ['HMAC-signed (HS512)', 'hmac', () => acme.idToken(ada, CLIENT_ID, {}, { key: 'hmac', alg: 'HS512' })],
  ['an unconfigured provider', 'issuer', () => unconfigured.idToken(ada, CLIENT_ID)],
  ['an unknown key id', 'unknown-key', () => acme.idToken(ada, CLIENT_ID, {}, { kid: 'no-such-key' })],
  ['a key the provider never published', 'signature', () => acme.idToken(ada, CLIENT_ID, {}, { key: 'stranger' })],
  ['another client', 'audience', () => acme.idToken(ada, 'someone-else')],
  [
    'several audiences, authorized party another client',
    'authorized-party',
    () => acme.idToken(ada, CLIENT_ID, { aud: [CLIENT_ID, 'other'], azp: 'other' }),
  ],
  ['expired', 'expired', () => acme.idToken(ada, CLIENT_ID, { iat: now() - 3600, exp: now() - 120 })],
  ['issued in the future', 'issued-in-future', () => acme.idToken(ada, CLIENT_ID, { iat: now() + 300 })],
  ['not valid yet', 'not-yet-valid', () => acme.idToken(ada, CLIENT_ID, { nbf: now() + 300 })],
  ['no exp', 'claims', () => acme.idToken(ada, CLIENT_ID, { exp: undefined })],
  ['no email', 'email-missing', () => acme.idToken(ada, CLIENT_ID, { email: undefined })],
  ['an unverified email', 'email-unverified', () => acme.idToken({ ...ada, emailVerified: false }, CLIENT_ID)],
  ['a domain not allowed', 'domain', () => acme.idToken(ada, CLIENT_ID, { email: 'ada@elsewhere.example' })],
];

describe('POST /v1/sessions refuses an ID token', () => {
  const details = new Map<string, string>();

  it.each(cases)('%s (id-token-%s)', async (what, slug, make) => {
    const res = await signIn(server, await make());
    const problem = await expectProblem(res, 401);
    expect(problem.type).toBe(`urn:coalface:problem:id-token-${slug}`);
    expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer realm="coalface"/);
    details.set(what, problem.detail);
  });

  it('with a different detail for every check', () => {
    const bySlug = new Map<string, string>();
    for (const [what, slug] of cases) bySlug.set(slug, details.get(what) ?? '');
    expect(new Set(bySlug.values()).size).toBe(bySlug.size);
    expect(bySlug.get('issuer')).toContain(unconfigured.issuer);
    expect(bySlug.get('unknown-key')).toContain('no-such-key');
    expect(bySlug.get('audience')).toContain('someone-else');
  });

  it('tolerates 60 s of clock skew on exp, iat and nbf', async () => {
    const skewed = await acme.idToken(ada, CLIENT_ID, { iat: now() + 30, nbf: now() + 30, exp: now() - 30 });
    expect((await signIn(server, skewed)).status).toBe(201);
  });

  it('accepts several audiences when the authorized party is this client', async () => {
    const token = await acme.idToken(ada, CLIENT_ID, { aud: ['other', CLIENT_ID], azp: CLIENT_ID });
    expect((await signIn(server, token)).status).toBe(201);
  });

  it('refuses a body without an ID token as invalid, not as a sign-in', async () => {
    await expectProblem(await server.request('POST', '/v1/sessions', { body: {} }), 422);
    await expectProblem(await server.request('POST', '/v1/sessions', { body: { idToken: 'x', role: 'admin' } }), 422);
    const both = {
      idToken: 'x',
      providerId: 'sso_0',
      code: 'c',
      codeVerifier: 'v'.repeat(43),
      redirectUri: 'https://example.com/',
      nonce: 'n',
    };
    const mixed = await expectProblem(await server.request('POST', '/v1/sessions', { body: both }), 422);
    expect(mixed.detail).toContain('must be either {idToken} or {providerId, code, codeVerifier, redirectUri, nonce}');
  });

  it('never writes an ID token or a session token to the logs', async () => {
    const idToken = await acme.idToken(ada, CLIENT_ID);
    const res = await signIn(server, idToken);
    const { token } = (await res.json()) as { token: string };
    await server.request('GET', '/v1/me', { token });
    const logs = server.logs.join('\n');
    expect(logs).toContain('POST /v1/sessions 201');
    expect(logs).not.toContain(idToken.split('.')[1]);
    expect(logs).not.toContain(token);
    expect(logs).not.toMatch(/eyJ[A-Za-z0-9_-]{10}/);
  });
});

describe('POST /v1/sessions without a token', () => {
  it('is rate limited per client address like every call without a valid token', async () => {
    const limited = await startTestServer({ rateLimit: { perSecond: 0.1, burst: 2 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await limited.request('POST', '/v1/sessions', { body: { idToken: 'a.b.c' } })).status);
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});
