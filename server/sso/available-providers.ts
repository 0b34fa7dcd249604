import type { AuthProvider } from '../../lib/contract/index.ts';
import { type Logger, redact } from '../log.ts';
import type { Store } from '../store/index.ts';
import { createSsoProviderStore, type SsoProviderStore } from '../store/sso-providers.ts';
import { clientSettings } from './client-settings.ts';
import { createProviderCache, type ProviderCache } from './provider-cache.ts';

/**
 * The connected providers a client can sign in with right now, each with its discovered endpoints: what
 * `GET /v1/auth/providers` lists and whose token endpoints the console's policy lets it call. A
 * provider whose discovery fails is left out and logged, never an error.
 */
export function availableProviders(providers: SsoProviderStore, metadata: ProviderCache, logger: Logger) {
  return async (): Promise<AuthProvider[]> => {
    const connected = await providers.list();
    const settled = await Promise.allSettled(
      connected.map(async (p) => clientSettings(p, await metadata.discovery(p.issuer))),
    );
    const available: AuthProvider[] = [];
    settled.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled') available.push(outcome.value);
      else
        logger.error(
          `sso provider ${connected[i]?.id} left out of the list: ${redact(String(outcome.reason?.message ?? outcome.reason))}`,
        );
    });
    return available;
  };
}

/** One process's view of its identity providers: the stored list and one cache of their metadata, shared by the sign-in routes and the console's policy. */
export function createSsoDirectory(store: Store, clock: () => Date, logger: Logger) {
  const providers = createSsoProviderStore(store.db);
  const metadata = createProviderCache(() => clock().getTime());
  return { providers, metadata, logger, available: availableProviders(providers, metadata, logger) };
}

export type SsoDirectory = ReturnType<typeof createSsoDirectory>;
