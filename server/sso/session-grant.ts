import type { SsoProvider } from '../store/sso-providers.ts';
import type { SessionGrant } from '../store/tokens.ts';
import type { SignedInPerson } from './id-token-claims.ts';
import { roleFor } from './role.ts';

/** A session lasts this long; signing in again (silently, at the provider) gives a fresh one. */
export const SESSION_TTL_MS = 12 * 3_600_000;

/** Who a verified ID token says signed in, as the session will hold it: role from the claim map, name else email. */
export function sessionGrant(provider: SsoProvider, person: SignedInPerson): SessionGrant {
  const name = person.claims.name?.trim();
  return {
    role: roleFor(person.claims, provider),
    name: name || person.email,
    email: person.email,
    issuer: provider.issuer,
    subject: person.claims.sub,
  };
}
