// The console's half of OpenID Connect's authorization code flow with PKCE for a public client, on
// the pieces it shares with the extension (lib/oidc/): the round trip kept across the redirect, the
// code's exchange worded for marketers. The endpoint verifies the ID token; here only its nonce is read.
import { z } from 'zod';
import type { AuthProvider } from '../../lib/contract/auth.ts';
import { authorizationUrl as buildAuthorizationUrl } from '../../lib/oidc/authorization-url.ts';
import { idTokenPayload } from '../../lib/oidc/id-token-payload.ts';
import { codeChallenge, createCodeVerifier, randomToken } from '../../lib/oidc/pkce.ts';
import { type Redeemed, redeemCode, refusalText } from '../../lib/oidc/redeem-code.ts';
import type { FetchLike } from './api.ts';
import { watchConnectBlocked } from './connectBlocked.ts';

/** Where every provider sends the marketer back: registered with the provider's client exactly so. */
export const redirectUri = (origin: string) => `${origin}/console/`;

export interface RoundTrip {
  state: string;
  nonce: string;
  verifier: string;
}

export function newRoundTrip(): RoundTrip {
  return { state: randomToken(), nonce: randomToken(), verifier: createCodeVerifier() };
}

/** The provider's authorization endpoint with this round trip's parameters (lib/oidc/authorization-url.ts). */
export async function authorizationUrl(provider: AuthProvider, trip: RoundTrip, redirect: string): Promise<string> {
  const challenge = await codeChallenge(trip.verifier);
  return buildAuthorizationUrl({
    provider,
    redirectUri: redirect,
    state: trip.state,
    nonce: trip.nonce,
    codeChallenge: challenge,
  });
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

export interface Exchange {
  code: string;
  verifier: string;
  redirect: string;
}

/** Trades the authorization code for the provider's ID token at its token endpoint (no secret: PKCE). */
export async function exchangeCode(
  provider: Pick<AuthProvider, 'name' | 'clientId' | 'tokenEndpoint'>,
  exchange: Exchange,
  fetch: FetchLike = (input, init) => globalThis.fetch(input, init),
): Promise<Outcome<string>> {
  const watch = watchConnectBlocked(provider.tokenEndpoint);
  let redeemed: Redeemed;
  try {
    redeemed = await redeemCode(
      {
        tokenEndpoint: provider.tokenEndpoint,
        clientId: provider.clientId,
        code: exchange.code,
        redirectUri: exchange.redirect,
        codeVerifier: exchange.verifier,
      },
      fetch,
    );
    if (redeemed.kind === 'unreachable') {
      const message = (await watch.blocked())
        ? `This console is not allowed to call ${provider.name} (${provider.tokenEndpoint}): the endpoint's security policy for the console does not list the provider's token endpoint. Ask your admin to update the endpoint, or use an access token for now.`
        : `${provider.name} could not be reached to finish signing in. Check your connection and try again; if it keeps failing, ask your admin to check the provider's address (${provider.tokenEndpoint}).`;
      return { ok: false, message };
    }
  } finally {
    watch.stop();
  }
  if (redeemed.kind === 'refused') {
    const why = redeemed.error ? refusalText(redeemed) : `it answered ${redeemed.status}`;
    return { ok: false, message: `${provider.name} refused to finish signing in (${why}). Start again.` };
  }
  if (redeemed.kind === 'no-id-token') {
    return {
      ok: false,
      message: `${provider.name} answered without an ID token; ask your admin to check that the provider's client has the openid scope.`,
    };
  }
  return { ok: true, value: redeemed.idToken };
}

const Claims = z.object({ nonce: z.string() });

/** The ID token's `nonce` claim (payload decoded, signature not checked: the endpoint does that), or null. */
export function idTokenNonce(idToken: string): string | null {
  const claims = Claims.safeParse(idTokenPayload(idToken));
  return claims.success ? claims.data.nonce : null;
}
