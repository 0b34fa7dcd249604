import { type FetchLike, redeemCode as redeemPublicly } from '../../lib/oidc/redeem-code.ts';
import type { SsoProvider } from '../store/sso-providers.ts';
import type { DiscoveryDocument } from './discovery.ts';
import { PROVIDER_TIMEOUT_MS, reasonOf } from './fetch-json.ts';
import { insecureUrlProblem } from './issuer-url.ts';

/**
 * The endpoint's half of the code flow for a confidential client: the authorization code, the PKCE
 * verifier and the client secret redeemed at the provider's token endpoint for the ID token (the
 * request itself is lib/oidc/redeem-code.ts, the clients' too). Only the
 * ID token is read; the provider's access and refresh tokens are dropped with the answer.
 */
export interface CodeGrant {
  code: string;
  codeVerifier: string;
  redirectUri: string;
}

export type Redemption =
  | { ok: true; idToken: string }
  /** The provider refused the code (its `error`, e.g. `invalid_grant`): nothing to retry. */
  | { ok: false; kind: 'refused'; detail: string }
  /** The provider could not be reached or failed: try again shortly. */
  | { ok: false; kind: 'unreachable'; detail: string };

/** `client_secret_basic` (RFC 6749 §2.3.1, the OpenID default) unless the provider takes only `client_secret_post`. */
export function usesPostAuth(discovery: Pick<DiscoveryDocument, 'token_endpoint_auth_methods_supported'>): boolean {
  const methods = discovery.token_endpoint_auth_methods_supported ?? [];
  return methods.includes('client_secret_post') && !methods.includes('client_secret_basic');
}

/** HTTP Basic with both parts form-encoded first, as RFC 6749 §2.3.1 asks (a secret may hold `:` or `%`). */
function basicAuth(clientId: string, secret: string): string {
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(secret)}`).toString('base64')}`;
}

/** Within the providers' timeout, and never following a redirect with the secret. */
const send: FetchLike = (input, init) =>
  fetch(input, { ...init, redirect: 'error', signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });

export async function redeemCode(
  provider: Pick<SsoProvider, 'name' | 'clientId'>,
  discovery: Pick<DiscoveryDocument, 'token_endpoint' | 'token_endpoint_auth_methods_supported'>,
  clientSecret: string,
  grant: CodeGrant,
): Promise<Redemption> {
  const where = discovery.token_endpoint;
  const insecure = insecureUrlProblem(where, "The provider's token endpoint");
  if (insecure) return { ok: false, kind: 'unreachable', detail: insecure };
  const clientAuth = usesPostAuth(discovery)
    ? { params: { client_secret: clientSecret } }
    : { headers: { Authorization: basicAuth(provider.clientId, clientSecret) } };
  const redeemed = await redeemPublicly(
    { tokenEndpoint: where, clientId: provider.clientId, ...grant, clientAuth },
    send,
  );
  const refusedWith = (why: string) => ({
    ok: false as const,
    kind: 'refused' as const,
    detail: `${provider.name} refused the code at its token endpoint (${why}). Sign in again.`,
  });
  switch (redeemed.kind) {
    case 'id-token':
      return { ok: true, idToken: redeemed.idToken };
    case 'unreachable':
      return { ok: false, kind: 'unreachable', detail: `${where} did not answer: ${reasonOf(redeemed.cause)}` };
    case 'no-id-token':
      return {
        ok: false,
        kind: 'refused',
        detail: `${provider.name}'s token endpoint answered without an ID token: check that the client has the openid scope.`,
      };
    case 'refused':
      if (redeemed.error) {
        const said = redeemed.description ? `: ${redeemed.description.slice(0, 300)}` : '';
        return refusedWith(`${redeemed.error}${said}`);
      }
      if (redeemed.status >= 500 || redeemed.status === 429)
        return { ok: false, kind: 'unreachable', detail: `${where} answered HTTP ${redeemed.status}` };
      return refusedWith(`HTTP ${redeemed.status}`);
  }
}
