import { useEffect, useState } from 'react';
import { DiagnosticsResponse, ManagedPolicyResponse } from '../lib/messages.ts';
import { t } from '../lib/ui/i18n.ts';
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
  const [policy, setPolicy] = useState<Extract<ManagedPolicyResponse, { ok: true }> | null>(null);

  useEffect(() => {
    let current = true;
    askFor(send, { type: 'managed-policy' }, ManagedPolicyResponse).then((outcome) => {
      if (current && outcome.ok) setPolicy(outcome);
    });
    return () => {
      current = false;
    };
  }, [send]);

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
      setStatus(t('optionsDiagnosticsCopied'));
    } catch {
      setError(t('optionsDiagnosticsClipboardRefused'));
    }
    setPending(false);
  };

  return (
    <div className="cf-options">
      <p className="cf-meta">{t('optionsDiagnosticsAbout')}</p>
      <div>
        <button type="button" className="cf-button" onClick={copyDiagnostics} disabled={pending}>
          {t('optionsCopyDiagnostics')}
        </button>
      </div>
      <output className="cf-status">{status}</output>
      {error && (
        <p className="cf-error" role="alert">
          {error}
        </p>
      )}
      {policy && (policy.managedKeys.length > 0 || policy.problems.length > 0) && (
        <div className="cf-managed-policy">
          <h3>{t('optionsManagedPolicy')}</h3>
          <p className="cf-meta">
            {policy.managedKeys.length > 0
              ? t(
                  policy.repsMayChange ? 'optionsPolicySetsMayChange' : 'optionsPolicySetsLocked',
                  policy.managedKeys.join(', '),
                )
              : t('optionsPolicyNone')}
          </p>
          {policy.problems.length > 0 && (
            <>
              <p>{t('optionsPolicyIgnored')}</p>
              <ul>
                {policy.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {text !== null && (
        <details className="cf-details">
          <summary>{t('optionsShowDiagnostics')}</summary>
          <pre className="cf-pre">{text}</pre>
        </details>
      )}
    </div>
  );
}
