import { useState } from 'react';
import { DiagnosticsResponse } from '../lib/messages.ts';
import { askFor, type SendOptionsRequest } from './options/ask.ts';

interface Props {
  send: SendOptionsRequest;
  /** Puts text on the clipboard; the page passes navigator.clipboard's. */
  copy: (text: string) => Promise<void>;
}

/** The structure-only diagnostics a rep pastes into a bug report when a site stops showing leads. */
export function OptionsDiagnostics({ send, copy }: Props) {
  const [text, setText] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const copyDiagnostics = async () => {
    setPending(true);
    setError(null);
    setStatus('');
    const outcome = await askFor(send, { type: 'diagnostics' }, DiagnosticsResponse);
    if (!outcome.ok) {
      setPending(false);
      setError(outcome.message);
      return;
    }
    setText(outcome.text);
    try {
      await copy(outcome.text);
      setStatus('Diagnostics copied. Paste them into your bug report.');
    } catch {
      setError('The browser did not let Coalface use the clipboard. Select the text below and copy it yourself.');
    }
    setPending(false);
  };

  return (
    <div className="cf-options">
      <p className="cf-meta">
        Which page structures Coalface recognised on each site, and how often. They hold no page text and no addresses.
      </p>
      <div>
        <button type="button" className="cf-button" onClick={copyDiagnostics} disabled={pending}>
          Copy diagnostics
        </button>
      </div>
      <output className="cf-status">{status}</output>
      {error && (
        <p className="cf-error" role="alert">
          {error}
        </p>
      )}
      {text !== null && (
        <details className="cf-details">
          <summary>Show the diagnostics</summary>
          <pre className="cf-pre">{text}</pre>
        </details>
      )}
    </div>
  );
}
