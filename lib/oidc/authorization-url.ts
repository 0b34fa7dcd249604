// The authorization request of the code flow with PKCE (OpenID Connect Core 3.1.2.1), as the
// extension and the console send it.
import type { AuthProvider } from '../contract/auth.ts';

export interface AuthRequest {
  provider: Pick<AuthProvider, 'authorizationEndpoint' | 'clientId' | 'scopes'>;
  redirectUri: string;
  state: string;
  nonce: string;
  codeChallenge: string;
  /** Silent renewal: the provider must answer without showing anyone anything. */
  silent?: boolean;
}

/** The provider's authorization endpoint with the request's parameters (any it already carries kept). */
export function authorizationUrl(request: AuthRequest): string {
  const url = new URL(request.provider.authorizationEndpoint);
  const params = {
    response_type: 'code',
    client_id: request.provider.clientId,
    redirect_uri: request.redirectUri,
    scope: request.provider.scopes.join(' '),
    state: request.state,
    nonce: request.nonce,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
    ...(request.silent ? { prompt: 'none' } : {}),
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}
