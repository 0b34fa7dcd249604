import { useEffect, useState } from 'react';
import type { Me } from '../../lib/contract/me.ts';
import { routes } from '../../lib/contract/routes.ts';
import { ApiClient, type FetchLike } from './api.ts';
import { forgetToken, readToken } from './token.ts';

export type SignedIn = { token: string; me: Me };
export type SessionState =
  | { state: 'checking' }
  | { state: 'signedOut'; message?: string }
  | ({ state: 'signedIn' } & SignedIn);

/**
 * The tab's session: a token kept from earlier in this tab is checked once with `GET /v1/me`, unless
 * `replaced`: a sign-in at a provider is finishing and will store its own.
 */
export function useStoredSession(fetch: FetchLike | undefined, replaced = false) {
  const [session, setSession] = useState<SessionState>(() =>
    readToken() && !replaced ? { state: 'checking' } : { state: 'signedOut' },
  );
  useEffect(() => {
    const token = readToken();
    if (!token || replaced) return;
    let current = true;
    new ApiClient({ token, fetch }).call(routes.me).then((result) => {
      if (!current) return;
      if (result.ok && result.data.role !== 'rep') {
        setSession({ state: 'signedIn', token, me: result.data });
        return;
      }
      if (result.ok || result.status === 401) forgetToken();
      setSession({ state: 'signedOut', message: result.ok ? undefined : result.problem.detail });
    });
    return () => {
      current = false;
    };
  }, [fetch, replaced]);
  return [session, setSession] as const;
}
