import { z } from 'zod';
import type { SsoProvider } from '../store/sso-providers.ts';
import type { DiscoveryDocument } from './discovery.ts';
import { PROVIDER_TIMEOUT_MS } from './fetch-json.ts';
import { insecureUrlProblem } from './issuer-url.ts';

/**
 * The endpoint's half of the code flow for a confidential client: the authorization code, the PKCE
 * verifier and the client secret redeemed at the provider's token endpoint for the ID token. Only the
 * ID token is read; the provider's access and refresh tokens are dropped with the answer.
 */
export interface CodeGrant {
  code: string;
  codeVerifier: string;
  redirectUri: string;
}

export type Redeemed =
  | { ok: true; idToken: string }
  /** The provider refused the code (its `error`, e.g. `invalid_grant`): nothing to retry. */
  | { ok: false; kind: 'refused'; detail: string }
  /** The provider could not be reached or failed: try again shortly. */
  | { ok: false; kind: 'unreachable'; detail: string };

const TokenAnswer = z.object({ id_token: z.string().min(1).max(16_384) });
const TokenError = z.object({ error: z.string().max(200), error_description: z.string().optional() });
const MAX_BYTES = 256 * 1024;

/** `client_secret_basic` (RFC 6749 §2.3.1, the OpenID default) unless the provider takes only `client_secret_post`. */
export function usesPostAuth(discovery: Pick<DiscoveryDocument, 'token_endpoint_auth_methods_supported'>): boolean {
  const methods = discovery.token_endpoint_auth_methods_supported ?? [];
  return methods.includes('client_secret_post') && !methods.includes('client_secret_basic');
}

/** HTTP Basic with both parts form-encoded first, as RFC 6749 §2.3.1 asks (a secret may hold `:` or `%`). */
function basicAuth(clientId: string, secret: string): string {
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(secret)}`).toString('base64')}`;
}

function reasonOf(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${PROVIDER_TIMEOUT_MS / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}

export async function redeemCode(
  provider: Pick<SsoProvider, 'name' | 'clientId'>,
  discovery: Pick<DiscoveryDocument, 'token_endpoint' | 'token_endpoint_auth_methods_supported'>,
  clientSecret: string,
  grant: CodeGrant,
): Promise<Redeemed> {
  const where = discovery.token_endpoint;
  const insecure = insecureUrlProblem(where, "The provider's token endpoint");
  if (insecure) return { ok: false, kind: 'unreachable', detail: insecure };
  const post = usesPostAuth(discovery);
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: grant.code,
    redirect_uri: grant.redirectUri,
    code_verifier: grant.codeVerifier,
    client_id: provider.clientId,
    ...(post ? { client_secret: clientSecret } : {}),
  });
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
    ...(post ? {} : { Authorization: basicAuth(provider.clientId, clientSecret) }),
  };
  let res: Response;
  let text: string;
  try {
    res = await fetch(where, {
      method: 'POST',
      headers,
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
    text = await res.text();
  } catch (error) {
    return { ok: false, kind: 'unreachable', detail: `${where} did not answer: ${reasonOf(error)}` };
  }
  let answer: unknown;
  try {
    answer = text.length <= MAX_BYTES ? JSON.parse(text) : undefined;
  } catch {
    answer = undefined;
  }
  if (!res.ok) {
    const problem = TokenError.safeParse(answer);
    if (problem.success) {
      const said = problem.data.error_description ? `: ${problem.data.error_description.slice(0, 300)}` : '';
      return {
        ok: false,
        kind: 'refused',
        detail: `${provider.name} refused the code at its token endpoint (${problem.data.error}${said}). Sign in again.`,
      };
    }
    if (res.status >= 500 || res.status === 429)
      return { ok: false, kind: 'unreachable', detail: `${where} answered HTTP ${res.status}` };
    return {
      ok: false,
      kind: 'refused',
      detail: `${provider.name} refused the code at its token endpoint (HTTP ${res.status}). Sign in again.`,
    };
  }
  const tokens = TokenAnswer.safeParse(answer);
  if (!tokens.success) {
    return {
      ok: false,
      kind: 'refused',
      detail: `${provider.name}'s token endpoint answered without an ID token: check that the client has the openid scope.`,
    };
  }
  return { ok: true, idToken: tokens.data.id_token };
}
