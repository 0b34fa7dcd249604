import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, type TestProvider } from '../support/oidc-provider.ts';

// The test provider the extension's and the console's sign-in tests use: the whole authorization code
// flow with PKCE, as a browser would walk it (cookies carried by hand).

const EXTENSION = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
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

class Browser {
  private cookies = new Map<string, string>();
  async go(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) this.cookies.set(name.trim(), value.join('='));
    }
    return res;
  }
  /** Follows redirects until one leaves the provider (the client's redirect URI) or a page answers. */
  async follow(url: string, init: RequestInit = {}): Promise<{ url: string; res: Response }> {
    let res = await this.go(url, init);
    let at = url;
    while (res.status >= 300 && res.status < 400) {
      at = new URL(res.headers.get('Location') ?? '', at).href;
      if (!at.startsWith(provider.issuer)) return { url: at, res };
      res = await this.go(at);
    }
    return { url: at, res };
  }
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(redirectUri: string, challenge: string, extra: Record<string, string> = {}) {
  const query = new URLSearchParams({
    client_id: 'coalface',
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid email profile groups',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'st',
    nonce: 'n-1',
    ...extra,
  });
  return `${provider.issuer}/auth?${query}`;
}

async function exchange(code: string, verifier: string, redirectUri: string, origin?: string) {
  return fetch(`${provider.issuer}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(origin ? { Origin: origin } : {}) },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: redirectUri,
      client_id: 'coalface',
    }),
  });
}

describe('the test OpenID provider', () => {
  it('signs a person in through its login form and gives an ID token with email, name and groups', async () => {
    const browser = new Browser();
    const { verifier, challenge } = pkce();
    const login = await browser.follow(authorizeUrl(EXTENSION, challenge));
    const html = await login.res.text();
    expect(html).toContain('name="login"');
    expect(html).toContain('>Sign in</button>');
    const action = /action="([^"]+)"/.exec(html)?.[1] ?? '';
    const done = await browser.follow(new URL(action, provider.issuer).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login: ada.email, password: 'anything' }),
    });
    expect(done.url.startsWith(EXTENSION)).toBe(true);
    const code = new URL(done.url).searchParams.get('code') ?? '';
    expect(code).not.toBe('');

    const token = await exchange(code, verifier, EXTENSION, 'chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(token.status).toBe(200);
    expect(token.headers.get('Access-Control-Allow-Origin')).toBe(
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    );
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
    const silent = await browser.follow(authorizeUrl(CONSOLE, again.challenge, { prompt: 'none' }));
    expect(silent.url.startsWith(CONSOLE)).toBe(true);
    const silentCode = new URL(silent.url).searchParams.get('code') ?? '';
    const second = await exchange(silentCode, again.verifier, CONSOLE, 'http://127.0.0.1:8787');
    expect(second.status).toBe(200);
  });

  it('answers prompt=none without a session with login_required', async () => {
    const silent = await new Browser().follow(authorizeUrl(CONSOLE, pkce().challenge, { prompt: 'none' }));
    expect(new URL(silent.url).searchParams.get('error')).toBe('login_required');
  });

  it('refuses a code exchange without the PKCE verifier', async () => {
    const res = await exchange('not-a-code', '', CONSOLE);
    expect(res.status).toBe(400);
  });
});
