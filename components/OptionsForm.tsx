import { type FormEvent, type ReactNode, useCallback, useEffect, useId, useState } from 'react';
import { checkEndpoint } from '../lib/endpoint-url.ts';
import { type ConnectionStatus, type OptionsRequest, OptionsResponse } from '../lib/messages.ts';
import { t } from '../lib/ui/i18n.ts';
import { type FieldLook, LabelledField } from '../lib/ui/LabelledField.tsx';
import { TokenInput } from '../lib/ui/TokenInput.tsx';
import { askFor, type SendOptionsRequest } from './options/ask.ts';
import { ManagedBadge } from './options/ManagedBadge.tsx';
import { SignInWithProvider } from './options/SignInWithProvider.tsx';
import { useAuthProviders } from './options/useAuthProviders.ts';

type Connected = Extract<ConnectionStatus, { connected: true }>;
type NotConnected = Extract<ConnectionStatus, { connected: false }>;

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:8787';

const OPTIONS_FIELD: FieldLook = { field: 'cf-field', hint: 'cf-meta', error: 'cf-error' };

const ask = (send: SendOptionsRequest, request: OptionsRequest) => askFor(send, request, OptionsResponse);

interface OptionsFormProps {
  send: SendOptionsRequest;
}

/**
 * How the extension reaches the team's Coalface endpoint: "Sign in with <provider>" when the
 * endpoint offers one, else (or "instead") the endpoint URL and an access token an admin made.
 */
export function OptionsForm({ send }: OptionsFormProps) {
  const badgeId = useId();
  const [endpoint, setEndpoint] = useState(DEFAULT_ENDPOINT);
  /** The endpoint whose providers are asked for: the known one at load, then one the rep finished typing. */
  const [askedEndpoint, setAskedEndpoint] = useState<string | null>(null);
  const [token, setToken] = useState('');
  const [connected, setConnected] = useState<Connected | null>(null);
  const [notConnected, setNotConnected] = useState<NotConnected | null>(null);
  const [checking, setChecking] = useState(true);
  const [pending, setPending] = useState(false);
  const [endpointError, setEndpointError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { providers, message: providersMessage } = useAuthProviders(send, connected ? null : askedEndpoint);

  /** `lookUp`: also ask the endpoint shown how to sign in (on load; later only when IT fixed it or a sign-in ended). */
  const apply = useCallback((connection: ConnectionStatus, lookUp = false) => {
    if (connection.connected) {
      setConnected(connection);
      setNotConnected(null);
    } else {
      setConnected(null);
      setNotConnected(connection);
      if (connection.endpoint) {
        setEndpoint(connection.endpoint);
        if (lookUp || connection.endpointLocked || connection.signedOut) setAskedEndpoint(connection.endpoint);
      }
    }
  }, []);

  useEffect(() => {
    let current = true;
    ask(send, { type: 'connection' }).then((outcome) => {
      if (!current) return;
      setChecking(false);
      if (outcome.ok) apply(outcome.connection, true);
      else setFailure(outcome.message);
    });
    return () => {
      current = false;
    };
  }, [send, apply]);

  const endpointLocked = (connected ?? notConnected)?.endpointLocked === true;

  const lookUpProviders = () => {
    const checked = checkEndpoint(endpoint);
    if (checked.ok) setAskedEndpoint(checked.endpoint);
  };

  const connect = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFailure(null);
    const checked = checkEndpoint(endpoint);
    if (!checked.ok) {
      setEndpointError(checked.message);
      return;
    }
    setEndpointError(null);
    if (token.trim() === '') {
      setFailure(t('optionsEnterToken'));
      return;
    }
    setPending(true);
    const outcome = await ask(send, { type: 'connect', endpoint: checked.endpoint, token: token.trim() });
    setPending(false);
    if (!outcome.ok) {
      setFailure(outcome.message);
    } else if (!outcome.connection.connected) {
      setFailure(t('optionsConnectionRefused'));
    } else {
      setToken('');
      apply(outcome.connection);
    }
  };

  const disconnect = async () => {
    setFailure(null);
    setPending(true);
    const outcome = await ask(send, { type: 'disconnect' });
    setPending(false);
    if (!outcome.ok) return setFailure(outcome.message);
    apply(outcome.connection);
    // Unsent verdicts removed on sign-out are said out loud, never dropped in silence.
    if (outcome.notice) setFailure(outcome.notice);
  };

  const signedIn = (connection: ConnectionStatus) => {
    setFailure(null);
    apply(connection);
  };

  const offered = providers ?? [];
  const tokenForm = (
    <form className="cf-form" onSubmit={connect} noValidate aria-busy={pending}>
      <LabelledField look={OPTIONS_FIELD} label={t('optionsAccessToken')}>
        {(control) => <TokenInput {...control} className="cf-input" value={token} onChange={setToken} />}
      </LabelledField>
      <button type="submit" className="cf-button cf-button--primary" disabled={pending}>
        {t('optionsConnect')}
      </button>
    </form>
  );

  let body: ReactNode;
  if (checking) {
    body = <output className="cf-status">{t('optionsChecking')}</output>;
  } else if (connected) {
    body = (
      <div className="cf-options__connected">
        {connected.session ? (
          <>
            <output className="cf-status">{t('optionsSignedInAs', [connected.me.name, connected.me.role])}</output>
            <p className="cf-meta">{t('optionsSessionAbout', [connected.endpoint, connected.session.provider.name])}</p>
          </>
        ) : (
          <output className="cf-status">
            {t('optionsConnectedAs', [connected.endpoint, connected.me.name, connected.me.role])}
          </output>
        )}
        {endpointLocked && <ManagedBadge id={badgeId} why={t('optionsEndpointLockedWhy')} />}
        <button type="button" className="cf-button" onClick={disconnect} disabled={pending}>
          {connected.session ? t('optionsSignOut') : t('optionsDisconnect')}
        </button>
      </div>
    );
  } else {
    body = (
      <div className="cf-form">
        <output className="cf-status">
          {pending ? t('optionsConnecting') : notConnected?.signedOut ? t('signedOut') : t('optionsNotConnected')}
        </output>
        {notConnected?.signedOut && <p className="cf-meta">{t('optionsSignedOutOf', notConnected.signedOut.name)}</p>}
        <LabelledField look={OPTIONS_FIELD} label={t('optionsEndpointUrl')} error={endpointError} announceError>
          {(control) => (
            <input
              {...control}
              aria-describedby={
                [control['aria-describedby'], endpointLocked ? badgeId : null].filter(Boolean).join(' ') || undefined
              }
              className="cf-input"
              type="url"
              inputMode="url"
              autoComplete="url"
              spellCheck={false}
              value={endpoint}
              disabled={endpointLocked}
              onChange={(event) => setEndpoint(event.currentTarget.value)}
              onBlur={lookUpProviders}
            />
          )}
        </LabelledField>
        {endpointLocked && <ManagedBadge id={badgeId} why={t('optionsEndpointLockedWhy')} />}
        {offered.length > 0 && askedEndpoint !== null && (
          <SignInWithProvider
            send={send}
            endpoint={askedEndpoint}
            providers={offered}
            onSignedIn={signedIn}
            onFailure={setFailure}
          />
        )}
        {providersMessage && <p className="cf-error">{providersMessage}</p>}
        {offered.length > 0 ? (
          <details className="cf-details">
            <summary>{t('optionsUseTokenInstead')}</summary>
            {tokenForm}
          </details>
        ) : (
          tokenForm
        )}
      </div>
    );
  }

  return (
    <div className="cf-options">
      {body}
      {failure && (
        <p className="cf-error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
