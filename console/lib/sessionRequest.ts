// What the console sends to POST /v1/sessions for the provider's code: the ID token it got for the
// code at the provider (a public client), or, for a provider whose code the endpoint exchanges
// (`codeExchange: 'endpoint'`: it wants a client secret, which a page never holds), the code itself
// with its verifier, redirect URI and nonce; the endpoint then checks the nonce on the ID token it gets.
import type { SessionRequest } from '../../lib/contract/auth.ts';
import type { FetchLike } from './api.ts';
import { exchangeCode, idTokenNonce, type Outcome, redirectUri } from './oidc.ts';
import type { PendingSignIn } from './pendingSignIn.ts';

export async function sessionRequestFor(
  code: string,
  pending: PendingSignIn,
  origin: string,
  fetch?: FetchLike,
): Promise<Outcome<SessionRequest>> {
  const { provider, verifier, nonce } = pending;
  const redirect = redirectUri(origin);
  if (provider.codeExchange === 'endpoint') {
    return {
      ok: true,
      value: { providerId: provider.id, code, codeVerifier: verifier, redirectUri: redirect, nonce },
    };
  }
  const exchanged = await exchangeCode(provider, { code, verifier, redirect }, fetch);
  if (!exchanged.ok) return exchanged;
  if (idTokenNonce(exchanged.value) !== nonce) {
    return {
      ok: false,
      message: `The ID token from ${provider.name} was not issued for this sign-in (its nonce does not match), so it was not used. Start again.`,
    };
  }
  return { ok: true, value: { idToken: exchanged.value } };
}
