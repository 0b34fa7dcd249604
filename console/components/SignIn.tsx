import type { Me } from '../../lib/contract/me.ts';
import type { FetchLike } from '../lib/api.ts';
import { useProviders } from '../lib/useProviders.ts';
import { ProviderSignIn } from './ProviderSignIn.tsx';
import { TokenSignIn } from './TokenSignIn.tsx';

interface SignInProps {
  fetch?: FetchLike;
  onSignedIn: (token: string, me: Me) => void;
  /** Shown above the choices, e.g. why the marketer is asked again. */
  intro?: string;
  /** Why the last sign-in at a provider did not work, said as an alert. */
  failure?: string | null;
  /** Replaces the browser's navigation to the provider (tests). */
  go?: (url: string) => void;
}

/**
 * The ways in: the company's identity providers first, an access token under "Use an access token
 * instead" when there is one (the token form alone when the endpoint names no provider).
 */
export function SignIn({ fetch, onSignedIn, intro, failure, go }: SignInProps) {
  const providers = useProviders(fetch);
  const tokenForm = <TokenSignIn fetch={fetch} onSignedIn={onSignedIn} />;
  return (
    <div className="console-signin-choices">
      {intro && <p className="console-signin__intro">{intro}</p>}
      {failure && (
        <div className="console-alert console-signin__failure" role="alert">
          <p>
            <strong>Not signed in.</strong> {failure}
          </p>
        </div>
      )}
      {providers && providers.length > 0 ? (
        <>
          <ProviderSignIn providers={providers} go={go} />
          <details className="console-signin__token">
            <summary>Use an access token instead</summary>
            {tokenForm}
          </details>
        </>
      ) : (
        tokenForm
      )}
    </div>
  );
}
