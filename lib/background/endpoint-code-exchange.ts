// The session request for a provider whose code the endpoint exchanges (`codeExchange: 'endpoint'`,
// a confidential client such as Google's Web application clients): the code, the PKCE verifier, the
// redirect URI and the nonce go to POST /v1/sessions, and the endpoint redeems the code with the
// client secret, which no browser ever holds. The nonce is checked there, on the ID token the endpoint gets.
import type { AuthProvider, SessionRequest } from '../contract/auth.ts';
import { checkNonce } from './id-token.ts';
import { exchangeCode, type FetchLike } from './token-exchange.ts';

export interface AuthorizedCode {
  code: string;
  codeVerifier: string;
  redirectUri: string;
  nonce: string;
}

/** What to send to POST /v1/sessions for this code: the code itself, or the ID token the browser got for it. */
export async function sessionRequestFor(
  provider: AuthProvider,
  authorized: AuthorizedCode,
  send: FetchLike,
): Promise<SessionRequest> {
  const { code, codeVerifier, redirectUri, nonce } = authorized;
  if (provider.codeExchange === 'endpoint') return { providerId: provider.id, code, codeVerifier, redirectUri, nonce };
  const idToken = await exchangeCode({ provider, code, redirectUri, codeVerifier }, send);
  checkNonce(idToken, nonce);
  return { idToken };
}
