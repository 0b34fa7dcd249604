import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthProviders, Me, Session } from '../../lib/contract/index.ts';
import { sealClientSecret } from '../../server/sso/client-secret.ts';
import { createSsoProviderStore, type SsoProvider } from '../../server/store/sso-providers.ts';
import { startOidcProvider, type TestProvider } from '../support/oidc-provider.ts';
import { runCli } from './cli-process.ts';
import { expectProblem, read, startTestServer, type TestServer } from './helpers.ts';
import { TEST_SOURCE_KEY } from './sources-helpers.ts';
import { authorizeUrl, Browser, pkce } from './sso-browser.ts';
import { ada, bob, CLIENT_ID, connect } from './sso-fixtures.ts';

// A confidential client (Google's Web application clients want their secret even with PKCE): the
// browser hands the code to POST /v1/sessions and the endpoint redeems it with the client secret that
// `sso add --client-secret-file` sealed, against the real test provider.

const SECRET = 'gcs-Very-Secret-0123456789abcdefXYZ';
const CHROME_REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const OTHER_REDIRECT = 'https://reports.acme.example/oauth/callback';

let server: TestServer;
let acme: TestProvider;
let publicIdp: TestProvider;
let providerId: string;
let consoleRedirect: string;
let savedKey: string | undefined;

const cli = (...args: string[]) =>
  runCli([...args, '--db', server.target], { ...process.env, COALFACE_SOURCE_KEY: TEST_SOURCE_KEY });

beforeAll(async () => {
  savedKey = process.env.COALFACE_SOURCE_KEY;
  // The endpoint reads the source key per request, from its own environment.
  process.env.COALFACE_SOURCE_KEY = TEST_SOURCE_KEY;
  server = await startTestServer();
  consoleRedirect = `${server.url}/console/`;
  const redirectUris = [consoleRedirect, CHROME_REDIRECT, OTHER_REDIRECT];
  [acme, publicIdp] = await Promise.all([
    startOidcProvider({ clients: [{ clientId: CLIENT_ID, clientSecret: SECRET, redirectUris }], accounts: [ada, bob] }),
    startOidcProvider({ clients: [{ clientId: CLIENT_ID, redirectUris }], accounts: [ada] }),
  ]);
  const secretFile = join(server.dir, 'client-secret.txt');
  writeFileSync(secretFile, `${SECRET}\n`, { mode: 0o600 });
  const added = await cli(
    'sso',
    'add',
    '--issuer',
    acme.issuer,
    '--client-id',
    CLIENT_ID,
    '--name',
    'Acme',
    '--role-claim',
    'groups',
    '--role-map',
    'sales-ops=manager',
    '--client-secret-file',
    secretFile,
  );
  expect(added.stderr).toBe('');
  expect(added.stdout).toContain('code exchanged by the endpoint (client secret set)');
  expect(added.stdout).not.toContain(SECRET);
  providerId = /\((sso_[0-9a-f]{16})\)/.exec(added.stdout)?.[1] ?? '';
  await connect(server, publicIdp.issuer, { name: 'Public' });
}, 180_000);
afterAll(async () => {
  if (savedKey === undefined) delete process.env.COALFACE_SOURCE_KEY;
  else process.env.COALFACE_SOURCE_KEY = savedKey;
  await Promise.all([server?.close(), acme?.close(), publicIdp?.close()]);
});

/** A real code: the provider's login form filled in, the code taken from where it redirects. */
async function codeFrom(provider: TestProvider, redirectUri: string, nonce = 'n-1') {
  const browser = new Browser(provider);
  const { verifier, challenge } = pkce();
  const login = await browser.follow(authorizeUrl(provider, CLIENT_ID, redirectUri, challenge, { nonce }));
  const landed = await browser.submitLogin(login.res, ada.email);
  const code = new URL(landed).searchParams.get('code');
  expect(code, landed).toBeTruthy();
  return { code: code ?? '', codeVerifier: verifier };
}

const exchange = (body: Record<string, unknown>) => server.request('POST', '/v1/sessions', { body });

/** Connects a provider with this client secret, sealed as `sso add --client-secret-file` seals it. */
async function connectConfidential(issuer: string, name: string, secret = SECRET): Promise<SsoProvider> {
  const key = Buffer.from(TEST_SOURCE_KEY, 'base64');
  const settings = { issuer, clientId: CLIENT_ID, name, defaultRole: 'rep' as const, roleClaim: null };
  const added = await createSsoProviderStore(server.store.db).add(
    { ...settings, roleMap: {}, allowedDomains: [] },
    new Date().toISOString(),
    (id) => sealClientSecret(secret, key, id),
  );
  if (added === 'issuer-taken') throw new Error(`${issuer} is already connected`);
  return added;
}

describe('the endpoint exchanges the code for a confidential client', () => {
  it('gives a session for a real code, redeemed with the secret (client_secret_basic)', async () => {
    const before = acme.requests('/token');
    const { code, codeVerifier } = await codeFrom(acme, consoleRedirect, 'nonce-console');
    const res = await exchange({
      providerId,
      code,
      codeVerifier,
      redirectUri: consoleRedirect,
      nonce: 'nonce-console',
    });
    const session = await read(res, Session, 201);
    expect(session).toMatchObject({ role: 'manager', name: 'Ada Lovelace' });
    expect(acme.requests('/token')).toBe(before + 1);
    expect(acme.tokenAuthSchemes().at(-1)).toBe('Basic');
    const me = await read(await server.request('GET', '/v1/me', { token: session.token }), Me);
    expect(me).toMatchObject({ name: 'Ada Lovelace', role: 'manager' });
    // The extension's Chrome redirect is a form the endpoint redeems too.
    const chrome = await codeFrom(acme, CHROME_REDIRECT, 'nonce-chrome');
    const again = await exchange({ providerId, ...chrome, redirectUri: CHROME_REDIRECT, nonce: 'nonce-chrome' });
    expect(again.status).toBe(201);
  });

  it('a wrong PKCE verifier: 401 saying the provider refused the code, and its error', async () => {
    const { code } = await codeFrom(acme, consoleRedirect);
    const wrong = 'x'.repeat(43);
    const res = await exchange({ providerId, code, codeVerifier: wrong, redirectUri: consoleRedirect, nonce: 'n-1' });
    const refused = await expectProblem(res, 401);
    expect(refused.type).toBe('urn:coalface:problem:code-refused');
    expect(refused.detail).toContain('Acme refused the code');
    expect(refused.detail).toContain('invalid_grant');
  });

  it('a redirect URI of another form: 401, and the code is never sent to the provider', async () => {
    const { code, codeVerifier } = await codeFrom(acme, OTHER_REDIRECT);
    const before = acme.requests('/token');
    const res = await exchange({ providerId, code, codeVerifier, redirectUri: OTHER_REDIRECT, nonce: 'n-1' });
    const refused = await expectProblem(res, 401);
    expect(refused.type).toBe('urn:coalface:problem:code-redirect-uri');
    expect(refused.detail).toContain(OTHER_REDIRECT);
    expect(refused.detail).toContain('chromiumapp.org');
    expect(acme.requests('/token')).toBe(before);
    // Another host's console is another form too.
    const elsewhere = await exchange({
      providerId,
      code,
      codeVerifier,
      redirectUri: 'https://evil.example/console/',
      nonce: 'n-1',
    });
    expect((await expectProblem(elsewhere, 401)).type).toBe('urn:coalface:problem:code-redirect-uri');
  });

  it("an ID token whose nonce is not the sign-in's: 401", async () => {
    const { code, codeVerifier } = await codeFrom(acme, consoleRedirect, 'the-real-nonce');
    const res = await exchange({ providerId, code, codeVerifier, redirectUri: consoleRedirect, nonce: 'another' });
    const refused = await expectProblem(res, 401);
    expect(refused.type).toBe('urn:coalface:problem:id-token-nonce');
    expect(refused.detail).toContain('nonce does not match');
  });

  it('a provider without a secret is refused the code form (its browser exchanges the code)', async () => {
    const { providers } = await read(await server.request('GET', '/v1/auth/providers'), AuthProviders);
    const publicEntry = providers.find((p) => p.name === 'Public');
    const res = await exchange({
      providerId: publicEntry?.id,
      code: 'c',
      codeVerifier: 'v'.repeat(43),
      redirectUri: consoleRedirect,
      nonce: 'n',
    });
    expect((await expectProblem(res, 401)).type).toBe('urn:coalface:problem:code-exchange-browser');
    // A body that is neither form is refused, naming a field of the form it is closest to.
    const neither = await expectProblem(await exchange({ providerId, code: 'c' }), 422);
    expect(neither.detail).toMatch(/idToken|codeVerifier/);
  });

  it('a provider that cannot be reached: 503 with Retry-After', async () => {
    const gone = await startOidcProvider({
      clients: [{ clientId: CLIENT_ID, clientSecret: SECRET, redirectUris: [consoleRedirect] }],
      accounts: [ada],
    });
    const added = await connectConfidential(gone.issuer, 'Gone');
    await gone.close();
    const res = await exchange({
      providerId: added.id,
      code: 'c',
      codeVerifier: 'v'.repeat(43),
      redirectUri: consoleRedirect,
      nonce: 'n',
    });
    const problem = await expectProblem(res, 503);
    expect(problem.type).toBe('urn:coalface:problem:id-token-provider-unreachable');
    expect(res.headers.get('Retry-After')).toBe('10');
  });

  it('sends the secret in the form when the provider takes only client_secret_post', async () => {
    const postOnly = await startOidcProvider({
      clients: [
        {
          clientId: CLIENT_ID,
          clientSecret: SECRET,
          authMethod: 'client_secret_post',
          redirectUris: [consoleRedirect],
        },
      ],
      accounts: [ada],
      clientAuthMethods: ['none', 'client_secret_post'],
    });
    try {
      const added = await connectConfidential(postOnly.issuer, 'Post only');
      const { code, codeVerifier } = await codeFrom(postOnly, consoleRedirect);
      const res = await exchange({
        providerId: added.id,
        code,
        codeVerifier,
        redirectUri: consoleRedirect,
        nonce: 'n-1',
      });
      expect(res.status).toBe(201);
      expect(postOnly.tokenAuthSchemes()).toEqual([null]);
    } finally {
      await postOnly.close();
    }
  });

  it('a wrong client secret: 401 naming invalid_client; a secret the key does not open: 503, said in the log', async () => {
    const wrongSecret = await startOidcProvider({
      clients: [{ clientId: CLIENT_ID, clientSecret: SECRET, redirectUris: [consoleRedirect] }],
      accounts: [ada],
    });
    try {
      const added = await connectConfidential(wrongSecret.issuer, 'Wrong secret', 'not-the-secret');
      const { code, codeVerifier } = await codeFrom(wrongSecret, consoleRedirect);
      const body = { providerId: added.id, code, codeVerifier, redirectUri: consoleRedirect, nonce: 'n-1' };
      const refused = await expectProblem(await exchange(body), 401);
      expect(refused.type).toBe('urn:coalface:problem:code-refused');
      expect(refused.detail).toContain('invalid_client');
      expect(refused.detail).not.toContain('not-the-secret');

      process.env.COALFACE_SOURCE_KEY = Buffer.alloc(32, 1).toString('base64');
      const before = wrongSecret.requests('/token');
      const res = await exchange(body);
      const unavailable = await expectProblem(res, 503);
      expect(unavailable.type).toBe('urn:coalface:problem:code-exchange-unavailable');
      expect(res.headers.get('Retry-After')).toBe('10');
      expect(wrongSecret.requests('/token')).toBe(before);
      expect(server.logs.some((l) => l.includes(added.id) && l.includes('sealed under another key'))).toBe(true);
    } finally {
      process.env.COALFACE_SOURCE_KEY = TEST_SOURCE_KEY;
      await wrongSecret.close();
    }
  });
});

describe('the client secret', () => {
  it('is listed as set, never shown: not by sso list, GET /v1/auth/providers or the logs; sealed in its column', async () => {
    const listed = await cli('sso', 'list');
    expect(listed.stdout).toContain('code exchanged by the endpoint (client secret set)');
    expect(listed.stdout).toContain('code exchanged by the browser (public client)');
    expect(listed.stdout + listed.stderr).not.toContain(SECRET);

    const res = await server.request('GET', '/v1/auth/providers');
    const text = await res.text();
    expect(text).not.toContain(SECRET);
    const { providers } = AuthProviders.parse(JSON.parse(text));
    expect(providers.find((p) => p.id === providerId)?.codeExchange).toBe('endpoint');
    expect(providers.find((p) => p.name === 'Public')?.codeExchange).toBe('browser');

    expect(server.logs.join('\n')).not.toContain(SECRET);
    const row = await server.store.db
      .selectFrom('sso_providers')
      .select('client_secret_enc')
      .where('id', '=', providerId)
      .executeTakeFirstOrThrow();
    expect(row.client_secret_enc).toMatch(/^v1\./);
    expect(row.client_secret_enc).not.toContain(SECRET);
    expect(row.client_secret_enc).not.toContain(Buffer.from(SECRET).toString('base64url').slice(0, 12));
  });

  it('is refused by sso add without a source key to seal it, and taken from COALFACE_SSO_CLIENT_SECRET too', async () => {
    const res = await runCli(
      ['sso', 'add', '--issuer', publicIdp.issuer, '--client-id', 'other', '--db', server.target],
      { ...process.env, COALFACE_SSO_CLIENT_SECRET: SECRET, COALFACE_SOURCE_KEY: '', COALFACE_SOURCE_KEY_FILE: '' },
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^Not added: a client secret is stored sealed with the source key\. No source key/);
    expect(res.stdout + res.stderr).not.toContain(SECRET);
  }, 60_000);
});
