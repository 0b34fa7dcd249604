import { createHash, randomBytes } from 'node:crypto';
import type { TestProvider } from '../support/oidc-provider.ts';

/** Just enough of a browser for the code flow: cookies kept, redirects followed while they stay at the provider. */
export class Browser {
  private cookies = new Map<string, string>();
  constructor(private readonly provider: TestProvider) {}

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
      if (!at.startsWith(this.provider.issuer)) return { url: at, res };
      res = await this.go(at);
    }
    return { url: at, res };
  }

  /** Fills the provider's login form (its `login` field) and sends it; where it ends up. */
  async submitLogin(page: Response, email: string): Promise<string> {
    const action = /action="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const done = await this.follow(new URL(action, this.provider.issuer).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login: email, password: 'anything' }),
    });
    return done.url;
  }
}

export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(
  provider: TestProvider,
  clientId: string,
  redirectUri: string,
  challenge: string,
  extra: Record<string, string> = {},
): string {
  const query = new URLSearchParams({
    client_id: clientId,
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

/** The code exchange a public client makes (no secret, the PKCE verifier), from `origin` when given. */
export function exchangeCode(
  provider: TestProvider,
  clientId: string,
  code: string,
  verifier: string,
  redirectUri: string,
  origin?: string,
): Promise<Response> {
  return fetch(`${provider.issuer}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(origin ? { Origin: origin } : {}) },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: redirectUri,
      client_id: clientId,
    }),
  });
}
