import { useCallback, useMemo, useState } from 'react';
import type { Me } from '../lib/contract/me.ts';
import { Pages } from './components/Pages.tsx';
import { Shell } from './components/Shell.tsx';
import { SignIn } from './components/SignIn.tsx';
import { ApiClient, type FetchLike } from './lib/api.ts';
import { providerAnswerIn } from './lib/providerAnswer.ts';
import { SessionProvider } from './lib/session.tsx';
import { forgetToken, storeToken } from './lib/token.ts';
import { useProviderAnswer } from './lib/useProviderAnswer.ts';
import { useStoredSession } from './lib/useStoredSession.ts';

interface AppProps {
  fetch?: FetchLike;
  /** Sends the browser to a provider to sign in; tests stand in for the browser here. */
  go?: (url: string) => void;
}

const EXPIRED =
  'Your session has ended (the endpoint no longer accepts your sign-in). Nothing you typed is lost: sign in again and carry on where you were.';

/**
 * Signed out: the sign-in choices. Signed in: the console. When the session stops working mid-edit
 * the page stays where it is (drafts and all) and the sign-in choices appear above it; signing in at
 * a provider leaves the page and comes back to it, the drafts restored from the device.
 */
export function App({ fetch, go }: AppProps) {
  const [answer] = useState(() => providerAnswerIn(location));
  const [session, setSession] = useStoredSession(fetch, answer !== null);
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

  const finishing = useProviderAnswer(answer, fetch, signIn);

  if (finishing.state === 'finishing') return <p className="console-loading">Signing you in…</p>;
  if (session.state === 'checking') return <p className="console-loading">Checking your token…</p>;
  if (session.state === 'signedOut' || !api) {
    return (
      <main className="console-signed-out">
        <h1>Coalface console</h1>
        <SignIn
          fetch={fetch}
          onSignedIn={signIn}
          go={go}
          intro={session.state === 'signedOut' ? session.message : undefined}
          failure={finishing.state === 'failed' ? finishing.message : null}
        />
      </main>
    );
  }
  return (
    <SessionProvider value={{ api, me: session.me }}>
      <Shell
        onSignOut={signOut}
        expiredNotice={expired ? <SignIn fetch={fetch} onSignedIn={signIn} go={go} intro={EXPIRED} /> : null}
      >
        <Pages />
      </Shell>
    </SessionProvider>
  );
}
