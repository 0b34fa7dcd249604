import { useEffect, useState } from 'react';
import { AuthProvidersResponse, type ProviderChoice } from '../../lib/messages.ts';
import { askFor, type SendOptionsRequest } from './ask.ts';

export interface ProvidersLookup {
  /** null while asking, or when nothing was asked yet. */
  providers: ProviderChoice[] | null;
  /** Why there are none to offer, when that is worth telling (IT chose one the endpoint lacks). */
  message: string | null;
}

/**
 * The ways to sign in that `endpoint` offers, asked of the background. An endpoint that cannot be
 * reached, or one too old to know providers, offers none: the access token form is there for it.
 */
export function useAuthProviders(send: SendOptionsRequest, endpoint: string | null): ProvidersLookup {
  const [lookup, setLookup] = useState<ProvidersLookup>({ providers: null, message: null });
  useEffect(() => {
    if (endpoint === null) return;
    let current = true;
    setLookup({ providers: null, message: null });
    askFor(send, { type: 'auth-providers', endpoint }, AuthProvidersResponse).then((outcome) => {
      if (!current) return;
      if (outcome.ok) setLookup({ providers: outcome.providers, message: null });
      else setLookup({ providers: [], message: /managed policy/.test(outcome.message) ? outcome.message : null });
    });
    return () => {
      current = false;
    };
  }, [send, endpoint]);
  return lookup;
}
