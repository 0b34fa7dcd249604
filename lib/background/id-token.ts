// The one claim the extension reads from the provider's ID token: its nonce, to know the token
// answers this sign-in. Only the payload is decoded; the endpoint verifies the signature, issuer,
// audience and expiry when it makes the session (lib/oidc/id-token-payload.ts).
import { z } from 'zod';
import { idTokenPayload } from '../oidc/id-token-payload.ts';
import { SignInError } from './auth-request.ts';

const Claims = z.object({ nonce: z.string().optional() });

/** Throws unless the ID token carries exactly the nonce this sign-in sent. */
export function checkNonce(idToken: string, expectedNonce: string): void {
  const claims = Claims.safeParse(idTokenPayload(idToken));
  if (!claims.success)
    throw new SignInError('failed', 'The identity provider sent an ID token Coalface cannot read. Try again.');
  if (claims.data.nonce !== expectedNonce)
    throw new SignInError(
      'nonce-mismatch',
      'The ID token did not belong to this sign-in (its nonce did not match), so it was not used. Try again.',
    );
}
