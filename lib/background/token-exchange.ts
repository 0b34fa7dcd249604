// Step two of the code flow: the authorization code and the PKCE verifier, exchanged at the
// provider's token endpoint for the ID token (a public client: no secret).
import { z } from 'zod';
import type { AuthProvider } from '../contract/auth.ts';
import { checkEndpoint } from '../endpoint-url.ts';
import { SignInError } from './auth-request.ts';

const TokenAnswer = z.object({ id_token: z.string().min(1) });
const TokenProblem = z.object({ error: z.string(), error_description: z.string().optional() });

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface CodeGrant {
  provider: AuthProvider;
  code: string;
  redirectUri: string;
  codeVerifier: string;
}

/** The ID token for the code; the rest of the provider's answer (its access token) is not kept. */
export async function exchangeCode(grant: CodeGrant, send: FetchLike = (input, init) => fetch(input, init)) {
  const where = grant.provider.tokenEndpoint;
  // The code and verifier are as good as a sign-in: never over plain http to another computer.
  if (!checkEndpoint(where).ok)
    throw new SignInError('failed', `The identity provider's token address (${where}) is not https. Tell your admin.`);
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: grant.code,
    redirect_uri: grant.redirectUri,
    client_id: grant.provider.clientId,
    code_verifier: grant.codeVerifier,
  });
  let response: Response;
  try {
    response = await send(where, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: body.toString(),
      credentials: 'omit',
    });
  } catch {
    throw new SignInError(
      'unreachable',
      `Can't reach the identity provider at ${new URL(where).host}. Check your network.`,
    );
  }
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = TokenProblem.safeParse(answer);
    const said = problem.success
      ? `${problem.data.error}${problem.data.error_description ? `: ${problem.data.error_description}` : ''}`
      : `status ${response.status}`;
    const kind = problem.success && problem.data.error === 'invalid_grant' ? 'needs-rep' : 'failed';
    throw new SignInError(
      kind,
      `The identity provider did not complete the sign-in (${said.slice(0, 300)}). Try again.`,
    );
  }
  const parsed = TokenAnswer.safeParse(answer);
  if (!parsed.success)
    throw new SignInError('failed', 'The identity provider answered without an ID token. Tell your admin.');
  return parsed.data.id_token;
}
