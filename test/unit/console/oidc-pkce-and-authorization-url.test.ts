import { describe, expect, it } from 'vitest';
import { authorizationUrl, idTokenNonce, newRoundTrip, redirectUri } from '../../../console/lib/oidc.ts';
import type { AuthProvider } from '../../../lib/contract/auth.ts';
import { base64Url as base64url, codeChallenge } from '../../../lib/oidc/pkce.ts';

// RFC 7636, appendix B: the verifier's 32 octets, the verifier, and its S256 challenge.
const RFC_OCTETS = [
  116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91,
  88, 5, 88, 83, 132, 141, 121,
];
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

const PROVIDER: AuthProvider = {
  id: 'sso_0123456789abcdef',
  name: 'Acme Okta',
  issuer: 'https://acme.okta.test',
  clientId: 'coalface-console',
  authorizationEndpoint: 'https://acme.okta.test/oauth2/v1/authorize?prompt=login',
  tokenEndpoint: 'https://acme.okta.test/oauth2/v1/token',
  scopes: ['openid', 'email', 'profile', 'groups'],
  codeExchange: 'browser',
};

const jwt = (payload: unknown) =>
  ['{"alg":"RS256"}', JSON.stringify(payload)]
    .map((part) => base64url(new TextEncoder().encode(part)))
    .concat('signature')
    .join('.');

describe('PKCE (RFC 7636, S256)', () => {
  it('encodes the appendix B octets as its verifier and derives its challenge', async () => {
    expect(base64url(Uint8Array.from(RFC_OCTETS))).toBe(RFC_VERIFIER);
    expect(await codeChallenge(RFC_VERIFIER)).toBe(RFC_CHALLENGE);
  });

  it('draws a fresh 43-character state, nonce and verifier for every sign-in', () => {
    const a = newRoundTrip();
    const b = newRoundTrip();
    for (const value of [...Object.values(a), ...Object.values(b)]) expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set([...Object.values(a), ...Object.values(b)]).size).toBe(6);
  });
});

describe("the provider's authorization address", () => {
  it('asks for a code with PKCE, the state, nonce and scopes, and the console as the way back', async () => {
    const trip = { state: 'st-1', nonce: 'no-1', verifier: RFC_VERIFIER };
    const url = new URL(await authorizationUrl(PROVIDER, trip, redirectUri('https://coalface.example.com')));
    expect(`${url.origin}${url.pathname}`).toBe('https://acme.okta.test/oauth2/v1/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      prompt: 'login',
      response_type: 'code',
      client_id: 'coalface-console',
      redirect_uri: 'https://coalface.example.com/console/',
      scope: 'openid email profile groups',
      state: 'st-1',
      nonce: 'no-1',
      code_challenge: RFC_CHALLENGE,
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.has('code_verifier')).toBe(false);
  });
});

describe("the ID token's nonce", () => {
  it('is read from the payload, with or without padding, and is null when there is none', () => {
    expect(idTokenNonce(jwt({ sub: 'u1', nonce: 'n-ü?>' }))).toBe('n-ü?>');
    expect(idTokenNonce(jwt({ sub: 'u1' }))).toBeNull();
    expect(idTokenNonce('not-a-jwt')).toBeNull();
    expect(idTokenNonce('a.%%%.c')).toBeNull();
  });
});
