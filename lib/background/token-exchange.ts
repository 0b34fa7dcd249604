// Step two of the code flow, in the extension: the code redeemed at the provider (lib/oidc/redeem-code.ts),
// its outcome said as a SignInError the rep can act on.
import type { AuthProvider } from '../contract/auth.ts';
import { checkEndpoint } from '../endpoint-url.ts';
import { type FetchLike, redeemCode, refusalText } from '../oidc/redeem-code.ts';
import { SignInError } from './auth-request.ts';

export type { FetchLike };

export interface CodeGrant {
  provider: AuthProvider;
  code: string;
  redirectUri: string;
  codeVerifier: string;
}

/** The ID token for the code. */
export async function exchangeCode(grant: CodeGrant, send: FetchLike = (input, init) => fetch(input, init)) {
  const where = grant.provider.tokenEndpoint;
  // The code and verifier are as good as a sign-in: never over plain http to another computer.
  if (!checkEndpoint(where).ok)
    throw new SignInError('failed', `The identity provider's token address (${where}) is not https. Tell your admin.`);
  const redeemed = await redeemCode(
    {
      tokenEndpoint: where,
      clientId: grant.provider.clientId,
      code: grant.code,
      redirectUri: grant.redirectUri,
      codeVerifier: grant.codeVerifier,
    },
    send,
  );
  switch (redeemed.kind) {
    case 'id-token':
      return redeemed.idToken;
    case 'unreachable':
      throw new SignInError(
        'unreachable',
        `Can't reach the identity provider at ${new URL(where).host}. Check your network.`,
      );
    case 'refused':
      throw new SignInError(
        redeemed.error === 'invalid_grant' ? 'needs-rep' : 'failed',
        `The identity provider did not complete the sign-in (${refusalText(redeemed).slice(0, 300)}). Try again.`,
      );
    case 'no-id-token':
      throw new SignInError('failed', 'The identity provider answered without an ID token. Tell your admin.');
  }
}
