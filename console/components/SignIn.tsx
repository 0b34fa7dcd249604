import { type FormEvent, useId, useState } from 'react';
import type { Me } from '../../lib/contract/me.ts';
import { routes } from '../../lib/contract/routes.ts';
import { ApiClient, type FetchLike } from '../lib/api.ts';

interface SignInProps {
  fetch?: FetchLike;
  onSignedIn: (token: string, me: Me) => void;
  /** Shown above the form, e.g. why the marketer is asked again. */
  intro?: string;
}

/** Sign in with a marketer, manager or admin token; a rep token is told plainly that the console is not for it. */
export function SignIn({ fetch, onSignedIn, intro }: SignInProps) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = token.trim();
    if (!value) {
      setError('Paste your access token first.');
      return;
    }
    setBusy(true);
    setError(null);
    const result = await new ApiClient({ token: value, fetch }).call(routes.me);
    setBusy(false);
    if (!result.ok) {
      setError(
        result.status === 401
          ? 'The endpoint does not know this token. Check that you pasted all of it, or ask your admin for a new one.'
          : result.problem.detail,
      );
      return;
    }
    if (result.data.role === 'rep') {
      setError(
        `This is a rep token (${result.data.name}): it has no access to the console. Reps use the Coalface extension; sign in here with a marketer, sales manager or admin token.`,
      );
      return;
    }
    setToken('');
    onSignedIn(value, result.data);
  };

  return (
    <form className="console-signin" onSubmit={submit} noValidate>
      {intro && <p className="console-signin__intro">{intro}</p>}
      <label htmlFor={inputId}>Access token</label>
      <input
        id={inputId}
        className="console-input"
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={token}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => setToken(event.target.value)}
      />
      <p className="console-hint">
        A marketer, sales manager or admin token. It is kept in this tab only and forgotten when you close it.
      </p>
      {error && (
        <p id={errorId} className="console-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="cf-button cf-button--primary" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
