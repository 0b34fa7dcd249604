import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import Provider, { type KoaContext } from 'oidc-provider';

/**
 * A real OpenID provider (the certified `oidc-provider`) on 127.0.0.1, for tests of single sign-on:
 * the authorization code flow with PKCE for public and confidential clients, a login page of its own, silent
 * re-authentication (`prompt=none`) on its session cookie, and correctly (or deliberately wrongly)
 * signed ID tokens for endpoint tests that skip the browser.
 */

export interface TestAccount {
  sub: string;
  email: string;
  /** Sent as `email_verified`; true unless told otherwise. */
  emailVerified?: boolean;
  name: string;
  groups?: string[];
}

export interface TestClient {
  clientId: string;
  redirectUris: string[];
  /**
   * A confidential client (Google's Web application clients): the token endpoint wants this secret
   * (`client_secret_basic` unless `authMethod` says otherwise) besides the PKCE verifier. Without
   * one, a public client (`none`).
   */
  clientSecret?: string;
  authMethod?: 'client_secret_basic' | 'client_secret_post';
}

export type SigningKey = 'own' | 'stranger' | 'hmac' | 'none';

export interface TestProvider {
  issuer: string;
  close(): Promise<void>;
  /**
   * A correctly signed ID token for this account and client (for endpoint tests that skip the browser).
   * `overrides` replace claims (`undefined` removes one). `key`: 'own' (default, the published key),
   * 'stranger' (a key never published, with the published key's id unless `kid` says otherwise),
   * 'hmac' (HS256 with a secret), 'none' (`alg: none`, no signature).
   */
  idToken(
    account: TestAccount,
    clientId: string,
    overrides?: Record<string, unknown>,
    options?: { alg?: string; kid?: string; key?: SigningKey },
  ): Promise<string>;
  /** Publishes a new signing key (the old one stays published) and signs with it from now on. */
  rotateKeys(): Promise<void>;
  /** The id of the key it signs with now. */
  currentKid(): string;
  /** How many requests reached this path (e.g. `/jwks`, `/.well-known/openid-configuration`). */
  requests(pathname: string): number;
  /** The scheme of each token request's Authorization header (`Basic`), or null for one without (a public client, `client_secret_post`). */
  tokenAuthSchemes(): (string | null)[];
  /** The Cache-Control header the JWKS is served with (none by default; null removes it again). */
  setJwksCacheControl(value: string | null): void;
}

interface SigningPair {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  privateJwk: JWK;
}

const JWKS_PATH = '/jwks';

async function signingPair(): Promise<SigningPair> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `k-${randomBytes(6).toString('hex')}`;
  const meta = { kid, alg: 'RS256', use: 'sig' };
  return {
    kid,
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), ...meta },
    privateJwk: { ...(await exportJWK(privateKey)), ...meta },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function page(res: ServerResponse, status: number, title: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
  );
}

async function formFields(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export async function startOidcProvider(options: {
  clients: TestClient[];
  accounts: TestAccount[];
  port?: number;
  /** The token endpoint's client authentication methods, as discovery lists them (oidc-provider's defaults when not given). */
  clientAuthMethods?: string[];
}): Promise<TestProvider> {
  const byEmail = new Map(options.accounts.map((a) => [a.email.toLowerCase(), a]));
  const bySub = new Map(options.accounts.map((a) => [a.sub, a]));
  const keys: SigningPair[] = [await signingPair()];
  const stranger = await signingPair();
  const hmacSecret = randomBytes(32);
  const cookieKeys = [randomBytes(32).toString('hex')];
  const counts = new Map<string, number>();
  const tokenAuth: (string | null)[] = [];
  let jwksCacheControl: string | null = null;

  // The issuer holds the port, so listen first and build the provider once the port is known.
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    counts.set(pathname, (counts.get(pathname) ?? 0) + 1);
    if (pathname === '/token') tokenAuth.push(req.headers.authorization?.split(' ')[0] ?? null);
    if (pathname === JWKS_PATH && jwksCacheControl !== null) {
      // oidc-provider sets no caching header on its JWKS; the wrapper adds the one a test asks for.
      const value = jwksCacheControl;
      const setHeader = res.setHeader.bind(res);
      res.setHeader = (name, header) => setHeader(name, name.toLowerCase() === 'cache-control' ? value : header);
      res.setHeader('Cache-Control', value);
    }
    if (pathname.startsWith('/interaction/')) {
      interaction(req, res, pathname).catch((error: unknown) => {
        page(res, 400, 'Sign-in failed', `<p>${escapeHtml(String(error))}</p>`);
      });
      return;
    }
    handler?.(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let provider = build();

  function build(): Provider {
    const built = new Provider(issuer, {
      clients: options.clients.map((client) => ({
        client_id: client.clientId,
        redirect_uris: client.redirectUris,
        // 'web' takes both the extension's https://<id>.chromiumapp.org/ and the console's loopback
        // http:// address: only implicit-flow web clients are held to https.
        application_type: 'web',
        ...(client.clientSecret
          ? {
              client_secret: client.clientSecret,
              token_endpoint_auth_method: client.authMethod ?? 'client_secret_basic',
            }
          : { token_endpoint_auth_method: 'none' }),
        response_types: ['code'],
        grant_types: ['authorization_code'],
      })),
      ...(options.clientAuthMethods ? { clientAuthMethods: options.clientAuthMethods } : {}),
      jwks: { keys: keys.map((k) => k.privateJwk) },
      cookies: { keys: cookieKeys },
      scopes: ['openid', 'email', 'profile', 'groups'],
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['name'],
        groups: ['groups'],
      },
      // The claims of the requested scopes go in the ID token itself (the endpoint only sees that).
      conformIdTokenClaims: false,
      responseTypes: ['code'],
      pkce: { required: () => true },
      features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: false } },
      clientBasedCORS: () => true,
      interactions: { url: (_ctx: unknown, found: { uid: string }) => `/interaction/${found.uid}` },
      ttl: {
        AccessToken: 3600,
        AuthorizationCode: 60,
        IdToken: 3600,
        Interaction: 3600,
        Session: 86_400,
        Grant: 86_400,
      },
      findAccount: (_ctx: unknown, sub: string) => {
        const account = bySub.get(sub);
        return account ? { accountId: sub, claims: () => claimsOf(account) } : undefined;
      },
      // Consent is granted for every requested scope: these are first-party clients.
      loadExistingGrant: async (ctx: KoaContext) => {
        const { accountId } = ctx.oidc.session;
        if (!accountId) return undefined;
        const { clientId } = ctx.oidc.client;
        const known = ctx.oidc.session.grantIdFor(clientId);
        const grant =
          (known && (await ctx.oidc.provider.Grant.find(known))) ||
          new ctx.oidc.provider.Grant({ accountId, clientId });
        grant.addOIDCScope(String(ctx.oidc.params.scope ?? 'openid'));
        await grant.save();
        return grant;
      },
    });
    handler = built.callback();
    return built;
  }

  async function interaction(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const action = `/interaction/${details.uid}`;
    if (req.method === 'POST' && pathname.endsWith('/login')) {
      const form = await formFields(req);
      const account = byEmail.get((form.get('login') ?? '').trim().toLowerCase());
      if (!account) {
        loginPage(res, action, 'No account with that email.');
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.sub } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (req.method === 'POST' && pathname.endsWith('/consent')) {
      await provider.interactionFinished(req, res, { consent: {} }, { mergeWithLastSubmission: true });
      return;
    }
    if (details.prompt.name === 'login') {
      loginPage(res, action, null);
      return;
    }
    page(
      res,
      200,
      'Allow access',
      `<form method="post" action="${action}/consent"><button type="submit">Continue</button></form>`,
    );
  }

  function loginPage(res: ServerResponse, action: string, error: string | null): void {
    page(
      res,
      error ? 401 : 200,
      'Sign in to the test provider',
      `${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}<form method="post" action="${action}/login">
<label>Email <input name="login" type="email" autocomplete="username" required autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button></form>`,
    );
  }

  return {
    issuer,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async idToken(account, clientId, overrides = {}, signing = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload: Record<string, unknown> = {
        iss: issuer,
        sub: account.sub,
        aud: clientId,
        iat: now,
        exp: now + 600,
        ...claimsOf(account),
      };
      for (const [name, value] of Object.entries(overrides)) {
        if (value === undefined) delete payload[name];
        else payload[name] = value;
      }
      const current = keys[0] as SigningPair;
      const key = signing.key ?? 'own';
      if (key === 'none') {
        return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;
      }
      const alg = signing.alg ?? (key === 'hmac' ? 'HS256' : 'RS256');
      const kid = signing.kid ?? current.kid;
      const secret = key === 'hmac' ? hmacSecret : key === 'stranger' ? stranger.privateKey : current.privateKey;
      return new SignJWT(payload).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(secret);
    },
    async rotateKeys() {
      keys.unshift(await signingPair());
      provider = build();
    },
    currentKid: () => (keys[0] as SigningPair).kid,
    requests: (pathname) => counts.get(pathname) ?? 0,
    tokenAuthSchemes: () => [...tokenAuth],
    setJwksCacheControl(value) {
      jwksCacheControl = value;
    },
  };
}

function claimsOf(account: TestAccount): Record<string, unknown> {
  return {
    sub: account.sub,
    email: account.email,
    email_verified: account.emailVerified ?? true,
    name: account.name,
    ...(account.groups ? { groups: account.groups } : {}),
  };
}
