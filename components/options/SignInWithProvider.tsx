import { useState } from 'react';
import { type ConnectionStatus, OptionsResponse, type ProviderChoice } from '../../lib/messages.ts';
import { t } from '../../lib/ui/i18n.ts';
import { askFor, type SendOptionsRequest } from './ask.ts';

interface Props {
  send: SendOptionsRequest;
  endpoint: string;
  providers: readonly ProviderChoice[];
  onSignedIn: (connection: ConnectionStatus) => void;
  onFailure: (message: string | null) => void;
}

/** A "Sign in with <name>" button per provider; the background runs the sign-in window and keeps the session. */
export function SignInWithProvider({ send, endpoint, providers, onSignedIn, onFailure }: Props) {
  const [pending, setPending] = useState<string | null>(null);

  const signIn = async (provider: ProviderChoice) => {
    onFailure(null);
    setPending(provider.id);
    const outcome = await askFor(send, { type: 'sign-in', endpoint, providerId: provider.id }, OptionsResponse);
    setPending(null);
    if (!outcome.ok) onFailure(outcome.message);
    else onSignedIn(outcome.connection);
  };

  return (
    <div className="cf-sign-in" aria-busy={pending !== null}>
      {providers.map((provider) => (
        <button
          key={provider.id}
          type="button"
          className="cf-button cf-button--primary"
          disabled={pending !== null}
          onClick={() => void signIn(provider)}
        >
          {t('optionsSignInWith', provider.name)}
        </button>
      ))}
      {pending !== null && <output className="cf-status">{t('optionsSigningIn')}</output>}
    </div>
  );
}
