import { useCallback, useMemo, useState } from 'react';
import type { Me } from '../lib/contract/me.ts';
import { Pages } from './components/Pages.tsx';
import { Shell } from './components/Shell.tsx';
import { SignIn } from './components/SignIn.tsx';
import { ApiClient, type FetchLike } from './lib/api.ts';
import { SessionProvider } from './lib/session.tsx';
import { forgetToken, storeToken } from './lib/token.ts';
import { useStoredSession } from './lib/useStoredSession.ts';

interface AppProps {
  fetch?: FetchLike;
}

const EXPIRED =
  'Your session has ended (the endpoint no longer accepts your token). Nothing you typed is lost: sign in again and carry on where you were.';

/**
 * Signed out: the sign-in form. Signed in: the console. When the token stops working mid-edit the
 * page stays where it is (drafts and all) and a sign-in form appears above it.
 */
export function App({ fetch }: AppProps) {
  const [session, setSession] = useStoredSession(fetch);
  const [expired, setExpired] = useState(false);
  const token = session.state === 'signedIn' ? session.token : null;

  const api = useMemo(
    () => (token ? new ApiClient({ token, fetch, onUnauthorized: () => setExpired(true) }) : null),
    [token, fetch],
  );
  const signIn = useCallback(
    (next: string, me: Me) => {
      storeToken(next);
      setSession({ state: 'signedIn', token: next, me });
      setExpired(false);
    },
    [setSession],
  );
  const signOut = useCallback(() => {
    forgetToken();
    setSession({ state: 'signedOut' });
    setExpired(false);
  }, [setSession]);

  if (session.state === 'checking') return <p className="console-loading">Checking your token…</p>;
  if (session.state === 'signedOut' || !api) {
    return (
      <main className="console-signed-out">
        <h1>Coalface console</h1>
        <SignIn fetch={fetch} onSignedIn={signIn} intro={session.state === 'signedOut' ? session.message : undefined} />
      </main>
    );
  }
  return (
    <SessionProvider value={{ api, me: session.me }}>
      <Shell
        onSignOut={signOut}
        expiredNotice={expired ? <SignIn fetch={fetch} onSignedIn={signIn} intro={EXPIRED} /> : null}
      >
        <Pages />
      </Shell>
    </SessionProvider>
  );
}
