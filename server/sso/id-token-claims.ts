import { z } from 'zod';
import type { SsoProvider } from '../store/sso-providers.ts';
import { type Refusal, refuse } from './refusal.ts';

/** Issue times this far ahead of our clock, and expiry or not-before this far behind, are let pass. */
export const CLOCK_SKEW_S = 60;

export const IdTokenClaims = z.looseObject({
  iss: z.string(),
  sub: z.string().min(1),
  aud: z.union([z.string(), z.array(z.string())]),
  azp: z.string().optional(),
  exp: z.number(),
  iat: z.number(),
  nbf: z.number().optional(),
  email: z.string().optional(),
  // Some providers send the boolean as a string.
  email_verified: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  name: z.string().optional(),
});
export type IdTokenClaims = z.infer<typeof IdTokenClaims>;

export interface SignedInPerson {
  claims: IdTokenClaims;
  email: string;
}

const when = (seconds: number) => new Date(seconds * 1000).toISOString();
const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/**
 * The checks after the signature, in order: the claims' shape, audience, authorized party, expiry,
 * issue time, not-before, email, its verification, its domain. Each refusal says which.
 */
export function checkClaims(
  payload: unknown,
  provider: SsoProvider,
  nowMs: number,
): { ok: true; person: SignedInPerson } | { ok: false; refusal: Refusal } {
  const parsed = IdTokenClaims.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const claim = issue?.path.join('.') ?? 'payload';
    return refuse(
      'claims',
      `The ID token's "${claim}" claim is missing or not of the right type; an ID token has iss, sub, aud, exp and iat.`,
    );
  }
  const claims = parsed.data;
  const audiences = typeof claims.aud === 'string' ? [claims.aud] : claims.aud;
  if (!audiences.includes(provider.clientId)) {
    return refuse(
      'audience',
      `The ID token is meant for ${audiences.map((a) => `"${a}"`).join(', ') || 'no audience'}, not this endpoint's client id "${provider.clientId}" at ${provider.issuer}.`,
    );
  }
  if (audiences.length > 1 && claims.azp !== provider.clientId) {
    return refuse(
      'authorized-party',
      `The ID token has several audiences and was issued to ${claims.azp ? `"${claims.azp}"` : 'no authorized party'} (azp), not this endpoint's client id "${provider.clientId}".`,
    );
  }
  const now = nowMs / 1000;
  if (claims.exp + CLOCK_SKEW_S <= now) {
    return refuse('expired', `The ID token expired at ${when(claims.exp)}; sign in again for a fresh one.`);
  }
  if (claims.iat > now + CLOCK_SKEW_S) {
    return refuse(
      'issued-in-future',
      `The ID token says it was issued at ${when(claims.iat)}, more than ${CLOCK_SKEW_S} s from now; check the provider's and the endpoint's clocks.`,
    );
  }
  if (claims.nbf !== undefined && claims.nbf > now + CLOCK_SKEW_S) {
    return refuse('not-yet-valid', `The ID token is not valid before ${when(claims.nbf)} (nbf).`);
  }
  const email = claims.email?.trim();
  if (!email || !email.includes('@')) {
    return refuse(
      'email-missing',
      'The ID token carries no email address; the client must ask for the "email" scope (Microsoft Entra ID: add the optional claim "email").',
    );
  }
  if (claims.email_verified === false || claims.email_verified === 'false') {
    return refuse('email-unverified', `The provider says ${email} is not verified (email_verified is false).`);
  }
  const domain = domainOf(email);
  if (provider.allowedDomains.length > 0 && !provider.allowedDomains.includes(domain)) {
    return refuse(
      'domain',
      `${email} is not in a domain this provider lets in (${provider.allowedDomains.join(', ')}).`,
    );
  }
  return { ok: true, person: { claims, email } };
}
