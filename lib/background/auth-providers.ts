// The identity providers an endpoint offers to sign in with (`GET /v1/auth/providers`, no token),
// narrowed to the one IT chose (managed `identityProvider`) when it chose one.
import type { AuthProvider } from '../contract/auth.ts';
import { routes } from '../contract/routes.ts';
import { callEndpoint } from './api.ts';
import type { ManagedPolicy } from './managed-policy.ts';

/** Issuers compare as URLs without a trailing slash (`https://id.example.com/` is `https://id.example.com`). */
function sameIssuer(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** The providers to offer: IT's choice alone when it made one, else all of them (a button each). */
export function offeredProviders(all: readonly AuthProvider[], policy: ManagedPolicy): AuthProvider[] {
  const chosen = policy.identityProvider;
  if (chosen === undefined) return [...all];
  const match = all.filter((provider) => sameIssuer(provider.issuer, chosen));
  if (match.length === 0 && all.length > 0)
    throw new Error(
      `Your company's IT chose to sign in with ${chosen} (managed policy), but the endpoint offers only ${all.map((p) => p.issuer).join(', ')}. Tell your IT.`,
    );
  return match;
}

export async function fetchProviders(endpoint: string, policy: ManagedPolicy): Promise<AuthProvider[]> {
  const { providers } = await callEndpoint({ endpoint }, routes.authProviders);
  return offeredProviders(providers, policy);
}

/** One provider by id, looked up again at the endpoint so its addresses are the endpoint's, not a page's. */
export async function findProvider(endpoint: string, policy: ManagedPolicy, id: string): Promise<AuthProvider> {
  const provider = (await fetchProviders(endpoint, policy)).find((candidate) => candidate.id === id);
  if (!provider)
    throw new Error(`The endpoint no longer offers that way to sign in. Reload Options and pick one it offers.`);
  return provider;
}
