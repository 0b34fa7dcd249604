// "Sign in with <provider>": the authorization code flow with PKCE in the browser's sign-in window
// (identity.launchWebAuthFlow), the code exchanged here in the background (or, for a provider that
// wants a client secret, by the endpoint), the ID token handed to the endpoint for a session of its
// own and then dropped. The session token is kept where a pasted
// access token is (IndexedDB, connection.ts); no page ever holds either.
import { browser } from 'wxt/browser';
import type { AuthProvider, SessionRequest } from '../contract/auth.ts';
import { routes } from '../contract/routes.ts';
import { authorizationUrl } from '../oidc/authorization-url.ts';
import { codeChallenge, createCodeVerifier, randomToken } from '../oidc/pkce.ts';
import { callEndpoint, EndpointError, fetchMe } from './api.ts';
import { findProvider } from './auth-providers.ts';
import { codeFromRedirect, SignInError } from './auth-request.ts';
import { allowedEndpoint, type Connection, keepConnection } from './connection.ts';
import { sessionRequestFor } from './endpoint-code-exchange.ts';
import { readManagedPolicy } from './managed-settings.ts';
import { scheduleRenewal } from './renewal-schedule.ts';
import type { FetchLike } from './token-exchange.ts';

/** The part of the browser's identity API the flow uses; tests pass their own. */
export interface IdentityApi {
  getRedirectURL(): string;
  launchWebAuthFlow(details: { url: string; interactive: boolean }): Promise<string | undefined>;
}

export interface SignInDeps {
  identity: IdentityApi;
  /** For the provider's token endpoint. */
  fetch: FetchLike;
}

const browserDeps = (): SignInDeps => ({
  identity: browser.identity,
  fetch: (input, init) => fetch(input, init),
});

/**
 * The rep's sign-in at the provider, from its sign-in window (interactive) or without showing one, as
 * POST /v1/sessions takes it: the ID token, or the code when the endpoint exchanges it.
 */
export async function obtainSessionRequest(
  provider: AuthProvider,
  interactive: boolean,
  deps: SignInDeps,
): Promise<SessionRequest> {
  const codeVerifier = createCodeVerifier();
  const state = randomToken();
  const nonce = randomToken();
  const redirectUri = deps.identity.getRedirectURL();
  const url = authorizationUrl({
    provider,
    redirectUri,
    state,
    nonce,
    codeChallenge: await codeChallenge(codeVerifier),
    silent: !interactive,
  });
  let redirected: string | undefined;
  try {
    redirected = await deps.identity.launchWebAuthFlow({ url, interactive });
  } catch (error) {
    throw launchFailure(error, interactive);
  }
  if (!redirected) throw new SignInError('cancelled', 'The sign-in window closed before signing in finished.');
  const code = codeFromRedirect(redirected, state);
  return sessionRequestFor(provider, { code, codeVerifier, redirectUri, nonce }, deps.fetch);
}

function launchFailure(error: unknown, interactive: boolean): SignInError {
  const said = error instanceof Error ? error.message : String(error);
  // Without a window, any stop means the provider wanted the rep (Chrome: "User interaction required").
  if (!interactive) return new SignInError('needs-rep', `Signing in again needs you: ${said}`);
  if (/did not approve|cancel|closed/i.test(said))
    return new SignInError('cancelled', 'The sign-in window closed before signing in finished.');
  return new SignInError('failed', `The sign-in window could not finish: ${said}`);
}

/**
 * Signs the rep in at one of the endpoint's providers and keeps the session as the connection.
 * `interactive: false` is the silent renewal: prompt=none, and no window.
 */
export async function signIn(
  endpointInput: string,
  providerId: string,
  options: { interactive: boolean },
  deps: SignInDeps = browserDeps(),
): Promise<Connection> {
  const endpoint = await allowedEndpoint(endpointInput);
  const { policy } = await readManagedPolicy();
  const provider = await findProvider(endpoint, policy, providerId);
  const request = await obtainSessionRequest(provider, options.interactive, deps);
  let session: Awaited<ReturnType<typeof createSession>>;
  try {
    session = await createSession(endpoint, request);
  } catch (error) {
    if (error instanceof EndpointError && error.status === 401)
      throw new SignInError(
        'refused',
        `The endpoint did not accept this sign-in${error.detail ? `: ${error.detail}` : '.'} Ask your admin if it should.`,
      );
    throw error;
  }
  const me = await fetchMe(endpoint, session.token);
  const connection = await keepConnection({
    endpoint,
    token: session.token,
    me,
    session: { expiresAt: session.expiresAt, provider: { id: provider.id, name: provider.name } },
  });
  await scheduleRenewal(session.expiresAt);
  return connection;
}

function createSession(endpoint: string, body: SessionRequest) {
  return callEndpoint({ endpoint }, routes.createSession, { body });
}
