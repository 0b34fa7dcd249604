import { useEffect, useState } from 'react';
import type { FeedbackTarget } from '../lib/contract/feedback.ts';
import { useSidebarActions } from '../lib/ui/actions.tsx';
import { copyText } from '../lib/ui/clipboard.ts';
import { t } from '../lib/ui/i18n.ts';

type CopyState = 'idle' | 'copied' | 'refused';

/** How long "Copied" stays before the button reads "Copy" again. */
const COPIED_FOR_MS = 2_000;

/**
 * Copies a talking point's text; says so, or says how to copy by hand when the clipboard is refused.
 * Each copy is then told to the background as a use of `target` (never the text).
 */
export function CopyButton({ text, subject, target }: { text: string; subject: string; target: FeedbackTarget }) {
  const { send } = useSidebarActions();
  const [copyState, setCopyState] = useState<CopyState>('idle');
  useEffect(() => {
    if (copyState !== 'copied') return;
    const timer = setTimeout(() => setCopyState('idle'), COPIED_FOR_MS);
    return () => clearTimeout(timer);
  }, [copyState]);

  return (
    <>
      <button
        type="button"
        className="cf-button cf-button--small"
        aria-label={t('copyLabel', subject)}
        onClick={async () => {
          const result = await copyText(text);
          setCopyState(result.ok ? 'copied' : 'refused');
          // Refused, the rep is told to copy the text by hand: still this point, taken to be used.
          send({ type: 'use', id: crypto.randomUUID(), action: 'copied', target });
        }}
      >
        {copyState === 'copied' ? t('copied') : t('copy')}
      </button>
      <output className="cf-visually-hidden">{copyState === 'copied' ? t('copiedAnnouncement') : ''}</output>
      {copyState === 'refused' && (
        <p role="alert" className="cf-error cf-meta cf-actions__message">
          {t('copyRefused')}
        </p>
      )}
    </>
  );
}
