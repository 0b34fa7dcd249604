import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { checkEndpoint } from '../lib/endpoint-url.ts';
import { type ConnectionStatus, type OptionsRequest, OptionsResponse } from '../lib/messages.ts';
import { type FieldLook, LabelledField } from '../lib/ui/LabelledField.tsx';
import { TokenInput } from '../lib/ui/TokenInput.tsx';
import { askFor, type SendOptionsRequest } from './options/ask.ts';

type Connected = Extract<ConnectionStatus, { connected: true }>;

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:8787';

const OPTIONS_FIELD: FieldLook = { field: 'cf-field', hint: 'cf-meta', error: 'cf-error' };

const ask = (send: SendOptionsRequest, request: OptionsRequest) => askFor(send, request, OptionsResponse);

interface OptionsFormProps {
  send: SendOptionsRequest;
}

/** Endpoint URL and access token: connects the extension to the team's Coalface endpoint. */
export function OptionsForm({ send }: OptionsFormProps) {
  const [endpoint, setEndpoint] = useState(DEFAULT_ENDPOINT);
  const [token, setToken] = useState('');
  const [connected, setConnected] = useState<Connected | null>(null);
  const [checking, setChecking] = useState(true);
  const [pending, setPending] = useState(false);
  const [endpointError, setEndpointError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const apply = useCallback((connection: ConnectionStatus) => {
    if (connection.connected) {
      setConnected(connection);
    } else {
      setConnected(null);
      if (connection.endpoint) setEndpoint(connection.endpoint);
    }
  }, []);

  useEffect(() => {
    let current = true;
    ask(send, { type: 'connection' }).then((outcome) => {
      if (!current) return;
      setChecking(false);
      if (outcome.ok) apply(outcome.connection);
      else setFailure(outcome.message);
    });
    return () => {
      current = false;
    };
  }, [send, apply]);

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
      setFailure('Enter your access token. Your Coalface admin creates one for you.');
      return;
    }
    setPending(true);
    const outcome = await ask(send, { type: 'connect', endpoint: checked.endpoint, token: token.trim() });
    setPending(false);
    if (!outcome.ok) {
      setFailure(outcome.message);
    } else if (!outcome.connection.connected) {
      setFailure('The endpoint did not accept the connection. Check the URL and token, then try again.');
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

  return (
    <div className="cf-options">
      {checking ? (
        <output className="cf-status">Checking the connection…</output>
      ) : connected ? (
        <div className="cf-options__connected">
          <output className="cf-status">
            Connected to {connected.endpoint} as {connected.me.name} ({connected.me.role})
          </output>
          <button type="button" className="cf-button" onClick={disconnect} disabled={pending}>
            Disconnect
          </button>
        </div>
      ) : (
        <form className="cf-form" onSubmit={connect} noValidate aria-busy={pending}>
          <output className="cf-status">{pending ? 'Connecting…' : 'Not connected.'}</output>
          <LabelledField look={OPTIONS_FIELD} label="Endpoint URL" error={endpointError} announceError>
            {(control) => (
              <input
                {...control}
                className="cf-input"
                type="url"
                inputMode="url"
                autoComplete="url"
                spellCheck={false}
                value={endpoint}
                onChange={(event) => setEndpoint(event.currentTarget.value)}
              />
            )}
          </LabelledField>
          <LabelledField look={OPTIONS_FIELD} label="Access token">
            {(control) => <TokenInput {...control} className="cf-input" value={token} onChange={setToken} />}
          </LabelledField>
          <button type="submit" className="cf-button cf-button--primary" disabled={pending}>
            Connect
          </button>
        </form>
      )}
      {failure && (
        <p className="cf-error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
