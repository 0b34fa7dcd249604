import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, type TestProvider } from '../support/oidc-provider.ts';
import { authorizeUrl, Browser, exchangeCode, pkce } from './sso-browser.ts';

// The test provider the extension's and the console's sign-in tests use: the whole authorization code
// flow with PKCE, as a browser would walk it.

const EXTENSION = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const EXTENSION_ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const CONSOLE = 'http://127.0.0.1:8787/console/';
const ada = { sub: 'u-ada', email: 'ada@example.com', name: 'Ada Lovelace', groups: ['sales-ops'] };

let provider: TestProvider;
beforeAll(async () => {
  provider = await startOidcProvider({
    clients: [{ clientId: 'coalface', redirectUris: [EXTENSION, CONSOLE] }],
    accounts: [ada],
  });
});
afterAll(() => provider.close());

describe('the test OpenID provider', () => {
  it('signs a person in through its login form and gives an ID token with email, name and groups', async () => {
    const browser = new Browser(provider);
    const { verifier, challenge } = pkce();
    const login = await browser.follow(authorizeUrl(provider, 'coalface', EXTENSION, challenge));
    const html = await login.res.clone().text();
    expect(html).toContain('name="login"');
    expect(html).toContain('>Sign in</button>');
    const landed = await browser.submitLogin(login.res, ada.email);
    expect(landed.startsWith(EXTENSION)).toBe(true);
    const code = new URL(landed).searchParams.get('code') ?? '';
    expect(code).not.toBe('');

    const token = await exchangeCode(provider, 'coalface', code, verifier, EXTENSION, EXTENSION_ORIGIN);
    expect(token.status).toBe(200);
    expect(token.headers.get('Access-Control-Allow-Origin')).toBe(EXTENSION_ORIGIN);
    const { id_token: idToken } = (await token.json()) as { id_token: string };
    expect(decodeJwt(idToken)).toMatchObject({
      iss: provider.issuer,
      aud: 'coalface',
      sub: 'u-ada',
      email: ada.email,
      email_verified: true,
      name: ada.name,
      groups: ['sales-ops'],
      nonce: 'n-1',
    });

    // Silent re-authentication on the provider's session cookie, to the console's loopback address.
    const again = pkce();
    const silent = await browser.follow(
      authorizeUrl(provider, 'coalface', CONSOLE, again.challenge, { prompt: 'none' }),
    );
    expect(silent.url.startsWith(CONSOLE)).toBe(true);
    const silentCode = new URL(silent.url).searchParams.get('code') ?? '';
    const second = await exchangeCode(
      provider,
      'coalface',
      silentCode,
      again.verifier,
      CONSOLE,
      'http://127.0.0.1:8787',
    );
    expect(second.status).toBe(200);
  });

  it('answers prompt=none without a session with login_required', async () => {
    const silent = await new Browser(provider).follow(
      authorizeUrl(provider, 'coalface', CONSOLE, pkce().challenge, { prompt: 'none' }),
    );
    expect(new URL(silent.url).searchParams.get('error')).toBe('login_required');
  });

  it('refuses an authorization request without a PKCE challenge', async () => {
    const res = await new Browser(provider).follow(authorizeUrl(provider, 'coalface', CONSOLE, '', {}));
    expect(new URL(res.url).searchParams.get('error')).toBe('invalid_request');
  });
});
