import { useEffect, useState } from 'react';
import type { AuthProvider } from '../../lib/contract/auth.ts';
import { routes } from '../../lib/contract/routes.ts';
import { ApiClient, type FetchLike } from './api.ts';

/**
 * The identity providers to offer, asked of the endpoint once: null while asking. An endpoint that
 * cannot say (unreachable, older than single sign-on) offers none; the access token still works.
 */
export function useProviders(fetch: FetchLike | undefined): AuthProvider[] | null {
  const [providers, setProviders] = useState<AuthProvider[] | null>(null);
  useEffect(() => {
    let current = true;
    new ApiClient({ fetch }).call(routes.authProviders).then((result) => {
      if (current) setProviders(result.ok ? result.data.providers : []);
    });
    return () => {
      current = false;
    };
  }, [fetch]);
  return providers;
}
