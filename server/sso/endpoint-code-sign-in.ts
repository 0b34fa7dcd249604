import type { CodeSessionRequest } from '../../lib/contract/index.ts';
import type { Logger } from '../log.ts';
import type { SsoProviderStore } from '../store/sso-providers.ts';
import { openClientSecret } from './client-secret.ts';
import { redeemCode } from './code-exchange.ts';
import { ProviderFetchError } from './fetch-json.ts';
import type { ProviderCache } from './provider-cache.ts';
import { redirectUriProblem } from './redirect-uri.ts';
import { providerUnreachable, type Refused } from './refusal.ts';
import { type Verification, type VerifyDeps, verifyIdToken } from './verify-id-token.ts';

export interface CodeSignInDeps extends VerifyDeps {
  providers: SsoProviderStore;
  cache: ProviderCache;
  logger: Logger;
  /** The URL this request reached the endpoint at: the console's redirect URI is its origin's `/console/`. */
  requestUrl: string;
}

/** A refusal of the code form (`code-…`): 401, sign in again. */
const refused = (slug: string, detail: string): Refused => ({ ok: false, refusal: { slug, detail } });

/**
 * `POST /v1/sessions {providerId, code, …}`: the code redeemed at the provider with its client secret,
 * and the ID token that comes back verified exactly as one a client sends, then held to this sign-in's
 * nonce (the client never sees this ID token, so the check is the endpoint's).
 */
export async function signInWithCode(request: CodeSessionRequest, deps: CodeSignInDeps): Promise<Verification> {
  const provider = await deps.providers.byId(request.providerId);
  if (!provider) {
    return refused(
      'code-provider',
      `No identity provider has the id "${request.providerId.slice(0, 64)}": it was removed, or the client's list is out of date. Sign in again.`,
    );
  }
  if (!provider.clientSecretEnc) {
    return refused(
      'code-exchange-browser',
      `${provider.name} has no client secret on this endpoint: its code is exchanged by the browser, which then sends the ID token.`,
    );
  }
  const redirect = redirectUriProblem(request.redirectUri, deps.requestUrl);
  if (redirect) return refused('code-redirect-uri', redirect);

  const secret = openClientSecret(provider);
  if (!secret.ok) {
    // The operator's mistake, not the person's: said in the log in full, and plainly to the client.
    deps.logger.error(`sso provider ${provider.id}: the client secret cannot be read: ${secret.problem}`);
    return {
      ok: false,
      refusal: {
        slug: 'code-exchange-unavailable',
        status: 503,
        detail: `The endpoint cannot read ${provider.name}'s client secret right now (its source key is missing or another one). Tell your admin.`,
      },
    };
  }
  let discovery: Awaited<ReturnType<ProviderCache['discovery']>>;
  try {
    discovery = await deps.cache.discovery(provider.issuer);
  } catch (error) {
    if (!(error instanceof ProviderFetchError)) throw error;
    return providerUnreachable(`${provider.name} could not be reached: ${error.message}. Try again shortly.`);
  }
  const redeemed = await redeemCode(provider, discovery, secret.secret, request);
  if (!redeemed.ok && redeemed.kind === 'unreachable') {
    return providerUnreachable(
      `${provider.name}'s token endpoint could not be reached: ${redeemed.detail}. Try again shortly.`,
    );
  }
  if (!redeemed.ok) return refused('code-refused', redeemed.detail);

  const verified = await verifyIdToken(redeemed.idToken, deps);
  if (!verified.ok) return verified;
  if (verified.provider.id !== provider.id) {
    return refused(
      'id-token-issuer',
      `${provider.name}'s token endpoint answered with an ID token issued by ${verified.provider.issuer}, not ${provider.issuer}.`,
    );
  }
  if (verified.person.claims.nonce !== request.nonce) {
    return refused(
      'id-token-nonce',
      'The ID token was not issued for this sign-in: its nonce does not match the one the sign-in sent. Sign in again.',
    );
  }
  return verified;
}
