// The checks on what comes back to the redirect URL of the code flow (the request itself is
// lib/oidc/authorization-url.ts): the state must be ours, and an error is told apart by whether the
// rep could fix it by signing in.

/** Why signing in stopped. `needs-rep`: the provider wants the rep (login, consent, a choice). */
export type SignInFailure =
  | 'cancelled'
  | 'needs-rep'
  | 'refused'
  | 'state-mismatch'
  | 'nonce-mismatch'
  /** The provider could not be reached (network): worth another try. */
  | 'unreachable'
  | 'failed';

export class SignInError extends Error {
  constructor(
    readonly kind: SignInFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

/** OpenID's answers to prompt=none that mean "the rep has to do something here". */
const NEEDS_REP = new Set(['login_required', 'interaction_required', 'consent_required', 'account_selection_required']);

/** The authorization code from the URL the provider sent the browser back to; anything else throws a SignInError. */
export function codeFromRedirect(redirected: string, expectedState: string): string {
  const url = new URL(redirected);
  // The code flow answers in the query; a provider answering in the fragment is read the same way.
  const params = url.search ? url.searchParams : new URLSearchParams(url.hash.slice(1));
  if (params.get('state') !== expectedState)
    throw new SignInError(
      'state-mismatch',
      'The sign-in answer did not belong to this sign-in (its state did not match), so it was not used. Try again.',
    );
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    const said = `The identity provider said ${error.slice(0, 80)}${description ? `: ${description.slice(0, 300)}` : ''}.`;
    if (NEEDS_REP.has(error)) throw new SignInError('needs-rep', `${said} Sign in again.`);
    if (error === 'access_denied') throw new SignInError('refused', `${said} You can try again, or ask your admin.`);
    throw new SignInError('failed', `${said} Try again; if it keeps failing, tell your admin.`);
  }
  const code = params.get('code');
  if (!code) throw new SignInError('failed', 'The identity provider sent no authorization code back. Try again.');
  return code;
}
