// The one claim the extension reads from the provider's ID token: its nonce, to know the token
// answers this sign-in. Only the payload is decoded; the endpoint verifies the signature, issuer,
// audience and expiry when it makes the session.
import { z } from 'zod';
import { SignInError } from './auth-request.ts';

const Claims = z.object({ nonce: z.string().optional() });

function payloadOf(idToken: string): unknown {
  const [, payload] = idToken.split('.');
  if (!payload) return undefined;
  try {
    const base64 = payload.replaceAll('-', '+').replaceAll('_', '/');
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

/** Throws unless the ID token carries exactly the nonce this sign-in sent. */
export function checkNonce(idToken: string, expectedNonce: string): void {
  const claims = Claims.safeParse(payloadOf(idToken));
  if (!claims.success)
    throw new SignInError('failed', 'The identity provider sent an ID token Coalface cannot read. Try again.');
  if (claims.data.nonce !== expectedNonce)
    throw new SignInError(
      'nonce-mismatch',
      'The ID token did not belong to this sign-in (its nonce did not match), so it was not used. Try again.',
    );
}
