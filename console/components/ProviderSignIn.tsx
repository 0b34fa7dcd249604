import { useState } from 'react';
import type { AuthProvider } from '../../lib/contract/auth.ts';
import { startSignIn } from '../lib/startSignIn.ts';

interface ProviderSignInProps {
  providers: readonly AuthProvider[];
  /** Sends the browser to the provider; the page's own navigation unless a test replaces it. */
  go?: (url: string) => void;
}

/** One "Sign in with <name>" button per provider: a redirect there and back (code flow with PKCE). */
export function ProviderSignIn({ providers, go }: ProviderSignInProps) {
  const [leaving, setLeaving] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const signInWith = async (provider: AuthProvider) => {
    setLeaving(provider.id);
    setProblem(null);
    const refused = await startSignIn(provider, go).catch(
      () =>
        'This browser could not prepare the sign-in (it needs a secure page: https, or localhost). Use an access token instead.',
    );
    if (refused) {
      setProblem(refused);
      setLeaving(null);
    }
  };

  return (
    <div className="console-providers">
      {problem && (
        <p className="console-alert console-error" role="alert">
          {problem}
        </p>
      )}
      {providers.map((provider) => (
        <button
          key={provider.id}
          type="button"
          className="cf-button cf-button--primary"
          disabled={leaving !== null}
          onClick={() => void signInWith(provider)}
        >
          {leaving === provider.id ? `Opening ${provider.name}…` : `Sign in with ${provider.name}`}
        </button>
      ))}
    </div>
  );
}
