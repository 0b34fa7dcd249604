// The browser's half of OpenID Connect's authorization code flow with PKCE (RFC 7636, S256) for a
// public client: the values of the round trip, the provider's address, the code's exchange. The
// endpoint verifies the ID token's signature; here only its nonce is read.
import { z } from 'zod';
import type { AuthProvider } from '../../lib/contract/auth.ts';
import type { FetchLike } from './api.ts';
import { watchConnectBlocked } from './connectBlocked.ts';

/** Where every provider sends the marketer back: registered with the provider's client exactly so. */
export const redirectUri = (origin: string) => `${origin}/console/`;

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes as base64url: 43 characters, as RFC 7636 asks of a code verifier. */
export function randomValue(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The S256 code challenge: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export interface RoundTrip {
  state: string;
  nonce: string;
  verifier: string;
}

export function newRoundTrip(): RoundTrip {
  return { state: randomValue(), nonce: randomValue(), verifier: randomValue() };
}

/** The provider's authorization endpoint with the request's parameters (any it already carries kept). */
export async function authorizationUrl(provider: AuthProvider, trip: RoundTrip, redirect: string): Promise<string> {
  const url = new URL(provider.authorizationEndpoint);
  const params = {
    response_type: 'code',
    client_id: provider.clientId,
    redirect_uri: redirect,
    scope: provider.scopes.join(' '),
    state: trip.state,
    nonce: trip.nonce,
    code_challenge: await codeChallenge(trip.verifier),
    code_challenge_method: 'S256',
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

const TokenAnswer = z.object({ id_token: z.string().min(1) });
const TokenError = z.object({ error: z.string(), error_description: z.string().optional() });

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
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: exchange.code,
    redirect_uri: exchange.redirect,
    client_id: provider.clientId,
    code_verifier: exchange.verifier,
  });
  let response: Response;
  const watch = watchConnectBlocked(provider.tokenEndpoint);
  try {
    response = await fetch(provider.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: body.toString(),
    });
  } catch {
    const message = (await watch.blocked())
      ? `This console is not allowed to call ${provider.name} (${provider.tokenEndpoint}): the endpoint's security policy for the console does not list the provider's token endpoint. Ask your admin to update the endpoint, or use an access token for now.`
      : `${provider.name} could not be reached to finish signing in. Check your connection and try again; if it keeps failing, ask your admin to check the provider's address (${provider.tokenEndpoint}).`;
    return { ok: false, message };
  } finally {
    watch.stop();
  }
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = TokenError.safeParse(answer);
    const why = error.success
      ? `${error.data.error}${error.data.error_description ? `: ${error.data.error_description}` : ''}`
      : `it answered ${response.status}`;
    return { ok: false, message: `${provider.name} refused to finish signing in (${why}). Start again.` };
  }
  const tokens = TokenAnswer.safeParse(answer);
  if (!tokens.success) {
    return {
      ok: false,
      message: `${provider.name} answered without an ID token; ask your admin to check that the provider's client has the openid scope.`,
    };
  }
  return { ok: true, value: tokens.data.id_token };
}

const Claims = z.object({ nonce: z.string() });

/** The ID token's `nonce` claim (payload decoded, signature not checked: the endpoint does that), or null. */
export function idTokenNonce(idToken: string): string | null {
  const payload = idToken.split('.')[1];
  if (!payload) return null;
  try {
    const padded = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const claims = Claims.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return claims.success ? claims.data.nonce : null;
  } catch {
    return null;
  }
}
