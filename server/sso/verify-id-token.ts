import { compactVerify, decodeJwt, decodeProtectedHeader, errors, type ProtectedHeaderParameters } from 'jose';
import type { SsoProvider } from '../store/sso-providers.ts';
import { ASYMMETRIC_ALGORITHMS, isAsymmetric, isHmac } from './algorithms.ts';
import { ProviderFetchError } from './fetch-json.ts';
import { checkClaims, type SignedInPerson } from './id-token-claims.ts';
import { type ProviderCache, UnknownKeyError } from './provider-cache.ts';
import { providerUnreachable, type Refusal, refuse } from './refusal.ts';

export interface VerifyDeps {
  /** The connected provider with this issuer, if any. */
  providerFor(issuer: string): Promise<SsoProvider | null>;
  cache: ProviderCache;
  now: () => number;
}

export type Verification =
  | { ok: true; provider: SsoProvider; person: SignedInPerson }
  | { ok: false; refusal: Refusal };

function readUnverified(idToken: string): { header: ProtectedHeaderParameters; iss: unknown } | null {
  if (idToken.split('.').length !== 3) return null;
  try {
    return { header: decodeProtectedHeader(idToken), iss: decodeJwt(idToken).iss };
  } catch {
    return null;
  }
}

/**
 * Verifies a provider's ID token: the header's algorithm first (no `none`, no shared secrets: refused
 * before any key is looked for), then the provider by `iss`, its published key by `kid`, the
 * signature, and the claims. The unverified `iss` only chooses whose keys to check the signature with.
 */
export async function verifyIdToken(idToken: string, deps: VerifyDeps): Promise<Verification> {
  const read = readUnverified(idToken);
  if (!read) {
    return refuse(
      'malformed',
      'The ID token is not a JWT: expected three base64url parts (header.payload.signature) with a JSON header and payload.',
    );
  }
  const { header, iss } = read;
  const alg = String(header.alg ?? '');
  if (alg.toLowerCase() === 'none') {
    return refuse(
      'unsigned',
      'The ID token is not signed (alg "none"); only tokens signed with the provider\'s published keys are accepted.',
    );
  }
  if (isHmac(alg)) {
    return refuse(
      'hmac',
      `The ID token is signed with a shared secret (${alg}); only signatures with the provider's published public keys are accepted.`,
    );
  }
  if (!isAsymmetric(alg)) {
    return refuse(
      'algorithm',
      `The ID token's algorithm "${alg.slice(0, 40)}" is not accepted; use one of ${ASYMMETRIC_ALGORITHMS.join(', ')}.`,
    );
  }
  if (typeof iss !== 'string' || !iss) return refuse('claims', 'The ID token has no issuer ("iss" claim).');
  const provider = await deps.providerFor(iss);
  if (!provider) {
    return refuse(
      'issuer',
      `The ID token was issued by ${iss.slice(0, 200)}, which is not a provider this endpoint accepts (an admin connects one with "sso add").`,
    );
  }

  let key: Awaited<ReturnType<ProviderCache['keyFor']>>;
  try {
    key = await deps.cache.keyFor(provider.issuer, header);
  } catch (error) {
    if (error instanceof UnknownKeyError) {
      const kid = typeof header.kid === 'string' ? `"${header.kid.slice(0, 100)}"` : '(no kid)';
      return refuse(
        'unknown-key',
        `The ID token is signed with key ${kid}, which ${provider.issuer} does not publish.`,
      );
    }
    if (error instanceof errors.JWKSMultipleMatchingKeys) {
      return refuse(
        'unknown-key',
        `The ID token names no key id (kid) and ${provider.issuer} publishes several keys for ${alg}.`,
      );
    }
    if (error instanceof ProviderFetchError) {
      return providerUnreachable(
        `The provider's signing keys could not be checked: ${error.message}. Try again shortly.`,
      );
    }
    throw error;
  }

  let payload: unknown;
  try {
    const verified = await compactVerify(idToken, key, { algorithms: [alg] });
    payload = JSON.parse(new TextDecoder().decode(verified.payload));
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof TypeError || error instanceof SyntaxError) {
      return refuse(
        'signature',
        `The ID token's signature does not verify with ${provider.issuer}'s published key: it was altered, or signed by someone else.`,
      );
    }
    throw error;
  }
  const checked = checkClaims(payload, provider, deps.now());
  return checked.ok ? { ok: true, provider, person: checked.person } : checked;
}
