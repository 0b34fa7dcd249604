import { type FormEvent, useState } from 'react';
import type { Me } from '../../lib/contract/me.ts';
import { routes } from '../../lib/contract/routes.ts';
import { type FieldLook, LabelledField } from '../../lib/ui/LabelledField.tsx';
import { TokenInput } from '../../lib/ui/TokenInput.tsx';
import { ApiClient, type FetchLike } from '../lib/api.ts';

export interface TokenSignInProps {
  fetch?: FetchLike;
  onSignedIn: (token: string, me: Me) => void;
}

// A failed sign-in is said as an alert, without the ⚠ of a field that fails validation.
const SIGN_IN_FIELD: FieldLook = { field: 'console-signin__field', hint: 'console-hint', error: 'console-error' };
const TOKEN_HINT =
  'A marketer, sales manager or admin token. It is kept in this tab only and forgotten when you close it.';

/** Sign in with a marketer, manager or admin token; a rep token is told plainly that the console is not for it. */
export function TokenSignIn({ fetch, onSignedIn }: TokenSignInProps) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
      <LabelledField look={SIGN_IN_FIELD} label="Access token" hint={TOKEN_HINT} error={error} announceError>
        {(control) => <TokenInput {...control} className="console-input" value={token} onChange={setToken} />}
      </LabelledField>
      <button type="submit" className="cf-button cf-button--primary" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
