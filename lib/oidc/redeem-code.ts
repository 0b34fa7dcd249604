// Step two of the code flow: the authorization code and the PKCE verifier traded at the provider's
// token endpoint for the ID token. A public client (the extension, the console) sends no secret; the
// endpoint, a confidential client, adds its client authentication. Each caller words the outcome for
// its own people.
import { z } from 'zod';

const TokenAnswer = z.object({ id_token: z.string().min(1).max(16_384) });
const TokenProblem = z.object({ error: z.string().max(200), error_description: z.string().optional() });
/** A token answer is a few kilobytes; anything this big is not one. */
const MAX_BYTES = 256 * 1024;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface CodeRedemption {
  tokenEndpoint: string;
  clientId: string;
  code: string;
  redirectUri: string;
  codeVerifier: string;
  /** A confidential client's authentication: an Authorization header, or `client_secret` in the form. */
  clientAuth?: { headers?: Record<string, string>; params?: Record<string, string> };
}

export type Redeemed =
  | { kind: 'id-token'; idToken: string }
  /** The request did not get an answer (network, a timeout, or a policy that blocked it). */
  | { kind: 'unreachable'; cause: unknown }
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
    ...redemption.clientAuth?.params,
  });
  let response: Response;
  let text: string;
  try {
    response = await send(redemption.tokenEndpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        ...redemption.clientAuth?.headers,
      },
      body: body.toString(),
      credentials: 'omit',
    });
    text = await response.text();
  } catch (cause) {
    return { kind: 'unreachable', cause };
  }
  const answer = parseJson(text);
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

function parseJson(text: string): unknown {
  if (text.length > MAX_BYTES) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
