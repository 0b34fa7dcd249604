// @vitest-environment node
// The authorization request a rep's browser is sent to, and the checks on what comes back: PKCE as
// RFC 7636 defines it, state and nonce that must be this sign-in's own, and provider errors told
// apart by whether signing in again would help.
import { describe, expect, it } from 'vitest';
import { codeFromRedirect, SignInError } from '../../../lib/background/auth-request.ts';
import { checkNonce } from '../../../lib/background/id-token.ts';
import type { AuthProvider } from '../../../lib/contract/auth.ts';
import { authorizationUrl } from '../../../lib/oidc/authorization-url.ts';
import { codeChallenge, createCodeVerifier, randomToken } from '../../../lib/oidc/pkce.ts';

const provider: AuthProvider = {
  id: 'sso_0123456789abcdef',
  name: 'Northwind ID',
  issuer: 'https://id.northwind.example',
  clientId: 'coalface-extension',
  authorizationEndpoint: 'https://id.northwind.example/auth?tenant=sales',
  tokenEndpoint: 'https://id.northwind.example/token',
  scopes: ['openid', 'email', 'profile', 'groups'],
  codeExchange: 'browser',
};
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

function jwt(payload: unknown): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(payload)}.c2lnbmF0dXJl`;
}

function failure(run: () => unknown): SignInError {
  try {
    run();
  } catch (error) {
    if (error instanceof SignInError) return error;
    throw error;
  }
  throw new Error('expected a SignInError');
}

describe('PKCE', () => {
  it('makes verifiers of 43 characters from the unreserved set, a new one each time', () => {
    const verifiers = Array.from({ length: 50 }, createCodeVerifier);
    for (const verifier of verifiers) {
      expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
      expect(verifier).toHaveLength(43);
    }
    expect(new Set(verifiers).size).toBe(50);
  });

  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes state and nonce values that cannot be guessed from each other', () => {
    expect(randomToken()).not.toBe(randomToken());
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('the authorization URL', () => {
  const request = { provider, redirectUri: REDIRECT, state: 'st4te', nonce: 'n0nce', codeChallenge: 'ch4llenge' };

  it('asks for a code with PKCE S256, the provider scopes, state and nonce, keeping the endpoint own query', () => {
    const url = new URL(authorizationUrl({ ...request, silent: false }));
    expect(url.origin + url.pathname).toBe('https://id.northwind.example/auth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: 'sales',
      response_type: 'code',
      client_id: 'coalface-extension',
      redirect_uri: REDIRECT,
      scope: 'openid email profile groups',
      state: 'st4te',
      nonce: 'n0nce',
      code_challenge: 'ch4llenge',
      code_challenge_method: 'S256',
    });
  });

  it('asks the provider not to show the rep anything when renewing silently', () => {
    expect(new URL(authorizationUrl({ ...request, silent: true })).searchParams.get('prompt')).toBe('none');
    expect(new URL(authorizationUrl({ ...request, silent: false })).searchParams.has('prompt')).toBe(false);
  });
});

describe('the answer at the redirect URL', () => {
  it('gives the code when the state is this sign-in own', () => {
    expect(codeFromRedirect(`${REDIRECT}?code=c0de&state=st4te`, 'st4te')).toBe('c0de');
  });

  it('refuses an answer for another sign-in (state differs or is missing), code and all', () => {
    expect(failure(() => codeFromRedirect(`${REDIRECT}?code=c0de&state=other`, 'st4te')).kind).toBe('state-mismatch');
    expect(failure(() => codeFromRedirect(`${REDIRECT}?code=c0de`, 'st4te')).message).toMatch(/state did not match/);
  });

  it.each([
    ['login_required', 'needs-rep'],
    ['interaction_required', 'needs-rep'],
    ['consent_required', 'needs-rep'],
    ['access_denied', 'refused'],
    ['server_error', 'failed'],
  ])('tells %s apart as %s, with what the provider said', (error, kind) => {
    const raised = failure(() =>
      codeFromRedirect(`${REDIRECT}?error=${error}&error_description=Nope&state=st4te`, 'st4te'),
    );
    expect(raised.kind).toBe(kind);
    expect(raised.message).toContain(`${error}: Nope`);
  });

  it('says so when the provider sent neither a code nor an error', () => {
    expect(failure(() => codeFromRedirect(`${REDIRECT}?state=st4te`, 'st4te')).message).toMatch(
      /no authorization code/,
    );
  });
});

describe('the ID token nonce', () => {
  it('accepts the token that carries this sign-in nonce', () => {
    expect(() => checkNonce(jwt({ sub: '1', nonce: 'n0nce' }), 'n0nce')).not.toThrow();
  });

  it('refuses a token with another nonce, or none', () => {
    expect(failure(() => checkNonce(jwt({ sub: '1', nonce: 'replayed' }), 'n0nce')).kind).toBe('nonce-mismatch');
    expect(failure(() => checkNonce(jwt({ sub: '1' }), 'n0nce')).kind).toBe('nonce-mismatch');
  });

  it('refuses something that is not a JWT', () => {
    expect(failure(() => checkNonce('not-a-token', 'n0nce')).message).toMatch(/cannot read/);
  });
});
