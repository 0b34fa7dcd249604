// Step two of the code flow for a public client: the authorization code and the PKCE verifier
// traded at the provider's token endpoint for the ID token (no secret). Each caller words the outcome
// for its own people.
import { z } from 'zod';

const TokenAnswer = z.object({ id_token: z.string().min(1) });
const TokenProblem = z.object({ error: z.string(), error_description: z.string().optional() });

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface CodeRedemption {
  tokenEndpoint: string;
  clientId: string;
  code: string;
  redirectUri: string;
  codeVerifier: string;
}

export type Redeemed =
  | { kind: 'id-token'; idToken: string }
  /** The request did not get an answer (network, or a policy that blocked it). */
  | { kind: 'unreachable' }
  /** The provider answered an error: its OAuth `error` when it sent one. */
  | { kind: 'refused'; status: number; error?: string; description?: string }
  | { kind: 'no-id-token' };

/** `error: description`, or the status when the provider sent no OAuth error. */
export function refusalText(refused: Extract<Redeemed, { kind: 'refused' }>): string {
  if (!refused.error) return `status ${refused.status}`;
  return refused.description ? `${refused.error}: ${refused.description}` : refused.error;
}

/** The ID token for the code; the rest of the provider's answer (its access token) is not kept. */
export async function redeemCode(redemption: CodeRedemption, send: FetchLike): Promise<Redeemed> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: redemption.code,
    redirect_uri: redemption.redirectUri,
    client_id: redemption.clientId,
    code_verifier: redemption.codeVerifier,
  });
  let response: Response;
  try {
    response = await send(redemption.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: body.toString(),
      credentials: 'omit',
    });
  } catch {
    return { kind: 'unreachable' };
  }
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = TokenProblem.safeParse(answer);
    return problem.success
      ? {
          kind: 'refused',
          status: response.status,
          error: problem.data.error,
          description: problem.data.error_description,
        }
      : { kind: 'refused', status: response.status };
  }
  const parsed = TokenAnswer.safeParse(answer);
  return parsed.success ? { kind: 'id-token', idToken: parsed.data.id_token } : { kind: 'no-id-token' };
}
