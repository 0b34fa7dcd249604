// The provider sending the marketer back to /console/?code=…&state=… (or ?error=…): checked against
// the sign-in this tab started, exchanged for an ID token (here, or by the endpoint when the provider
// wants a client secret), and that for a session of the endpoint.
import type { Me } from '../../lib/contract/me.ts';
import { routes } from '../../lib/contract/routes.ts';
import { ApiClient, type FetchLike } from './api.ts';
import type { PendingSignIn } from './pendingSignIn.ts';
import { BASE } from './router.ts';
import { sessionRequestFor } from './sessionRequest.ts';

export type ProviderAnswer =
  | { kind: 'code'; code: string; state: string }
  | { kind: 'error'; error: string; description: string | null; state: string | null };

/** The provider's answer in the address, or null when the address carries none. */
export function providerAnswerIn(address: Pick<Location, 'pathname' | 'search'>): ProviderAnswer | null {
  if (address.pathname !== `${BASE}/` && address.pathname !== BASE) return null;
  const params = new URLSearchParams(address.search);
  const code = params.get('code');
  const state = params.get('state');
  const error = params.get('error');
  if (error) return { kind: 'error', error, description: params.get('error_description'), state };
  if (code && state) return { kind: 'code', code, state };
  return null;
}

export type Finished =
  | { ok: true; token: string; me: Me; returnTo: string }
  | { ok: false; message: string; returnTo: string };

const START = `${BASE}/`;

export const repRefusal = (name: string) =>
  `${name} is a rep account: the console is not for reps. Reps use the Coalface extension in Gmail, Outlook, Salesforce and HubSpot. If you need the console, ask your admin for a marketer, sales manager or admin role.`;

function refusedByProvider(answer: Extract<ProviderAnswer, { kind: 'error' }>, provider: string): string {
  if (answer.error === 'access_denied') {
    return `${provider} did not sign you in: access was denied (or you cancelled). Try again, or ask your admin whether you may use Coalface.`;
  }
  const why = answer.description ? `${answer.error}: ${answer.description}` : answer.error;
  return `${provider} did not sign you in (${why}). Try again; if it keeps happening, tell your admin what it said.`;
}

const STATE_MISMATCH =
  'This sign-in answer does not belong to a sign-in started in this tab (its state does not match), so it was not used. Start again with the button below.';

interface FinishOptions {
  fetch?: FetchLike;
  origin: string;
}

/** Finishes the sign-in `pending` started; `pending` is null when this tab started none. */
export async function finishSignIn(
  answer: ProviderAnswer,
  pending: PendingSignIn | null,
  { fetch, origin }: FinishOptions,
): Promise<Finished> {
  const returnTo = pending?.returnTo ?? START;
  const fail = (message: string): Finished => ({ ok: false, message, returnTo });
  if (!pending || answer.state !== pending.state) return fail(STATE_MISMATCH);
  const provider = pending.provider;
  if (answer.kind === 'error') return fail(refusedByProvider(answer, provider.name));

  const request = await sessionRequestFor(answer.code, pending, origin, fetch);
  if (!request.ok) return fail(request.message);

  const created = await new ApiClient({ fetch }).call(routes.createSession, { body: request.value });
  if (!created.ok) {
    return fail(
      created.status === 401
        ? `The endpoint did not accept your sign-in with ${provider.name}: ${created.problem.detail}`
        : created.problem.detail,
    );
  }
  const session = created.data;
  if (session.role === 'rep') return fail(repRefusal(session.name));

  const me = await new ApiClient({ token: session.token, fetch }).call(routes.me);
  if (!me.ok) return fail(me.problem.detail);
  return { ok: true, token: session.token, me: me.data, returnTo };
}
