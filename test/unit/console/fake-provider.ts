// A provider's token endpoint and the endpoint's sign-in routes, answered in the page (no network),
// for the console's sign-in with a provider.
import { vi } from 'vitest';
import type { PendingSignIn } from '../../../console/lib/pendingSignIn.ts';
import type { AuthProvider } from '../../../lib/contract/auth.ts';
import { base64Url as base64url } from '../../../lib/oidc/pkce.ts';
import { type Call, fakeFetch, problem } from './fake-endpoint.tsx';

export const PROVIDER: AuthProvider = {
  id: 'sso_0123456789abcdef',
  name: 'Acme Okta',
  issuer: 'https://acme.okta.test',
  clientId: 'coalface-console',
  authorizationEndpoint: 'https://acme.okta.test/authorize',
  tokenEndpoint: 'https://acme.okta.test/token',
  scopes: ['openid', 'email', 'profile'],
  codeExchange: 'browser',
};

export const PENDING: PendingSignIn = {
  provider: {
    id: PROVIDER.id,
    name: PROVIDER.name,
    clientId: PROVIDER.clientId,
    tokenEndpoint: PROVIDER.tokenEndpoint,
    codeExchange: 'browser',
  },
  state: 'state-from-this-tab',
  nonce: 'nonce-from-this-tab',
  verifier: 'v'.repeat(43),
  returnTo: '/console/campaigns/q4-cloud-savings',
};

export const idToken = (claims: Record<string, unknown>) =>
  ['{"alg":"RS256","kid":"k1"}', JSON.stringify({ iss: PROVIDER.issuer, sub: 'u1', ...claims })]
    .map((part) => base64url(new TextEncoder().encode(part)))
    .concat('c2lnbmF0dXJl')
    .join('.');

export interface FakeSignIn {
  /** What the token endpoint answers; by default an ID token carrying the pending nonce. */
  token?: () => { status: number; body: unknown } | 'unreachable' | 'blocked-by-policy';
  /** What `POST /v1/sessions` answers; by default a marketer's session. */
  session?: () => { status: number; body: unknown };
  /** Every other endpoint call. */
  other?: (call: Call) => { status: number; body: unknown } | undefined;
  providers?: AuthProvider[];
}

export const MARKETER_SESSION = {
  token: 'cfs_session_marketer',
  role: 'marketer',
  name: 'Mia Marketer',
  expiresAt: '2026-11-26T22:00:00.000Z',
};

/** The token endpoint's and the endpoint's answers; `tokenCalls` holds the form bodies sent to the provider. */
export function fakeSignIn(options: FakeSignIn = {}) {
  const endpoint = fakeFetch((call) => {
    if (call.path === '/v1/auth/providers')
      return { status: 200, body: { providers: options.providers ?? [PROVIDER] } };
    if (call.method === 'POST' && call.path === '/v1/sessions') {
      return options.session?.() ?? { status: 201, body: MARKETER_SESSION };
    }
    if (call.path === '/v1/me') {
      return call.headers.Authorization === `Bearer ${MARKETER_SESSION.token}`
        ? { status: 200, body: { tokenId: 'ses_1', name: 'Mia Marketer', role: 'marketer' } }
        : { status: 401, body: problem(401, 'Session expired.') };
    }
    return options.other?.(call);
  });
  const tokenCalls: URLSearchParams[] = [];
  const fetch = vi.fn(async (input: string, init: RequestInit) => {
    if (!input.startsWith(PROVIDER.tokenEndpoint)) return endpoint.fetch(input, init);
    tokenCalls.push(new URLSearchParams(String(init.body)));
    const answer = options.token?.() ?? { status: 200, body: { id_token: idToken({ nonce: PENDING.nonce }) } };
    if (answer === 'blocked-by-policy') {
      // As Chromium reports a connect-src refusal: an event on the document, the fetch failing alike.
      const violation = Object.assign(new Event('securitypolicyviolation'), {
        effectiveDirective: 'connect-src',
        blockedURI: PROVIDER.tokenEndpoint,
      });
      setTimeout(() => document.dispatchEvent(violation), 0);
    }
    if (answer === 'unreachable' || answer === 'blocked-by-policy') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  return { fetch, calls: endpoint.calls, tokenCalls };
}
