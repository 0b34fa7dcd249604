import { useId, useState } from 'react';
import type { FeedbackReason, FeedbackTarget, Verdict } from '../lib/contract/feedback.ts';
import type { FeedbackView } from '../lib/messages.ts';
import { useNotice, useSidebarActions } from '../lib/ui/actions.tsx';
import { noticeText } from '../lib/ui/background-text.ts';
import { latestVerdict } from '../lib/ui/feedback.ts';
import { t } from '../lib/ui/i18n.ts';
import { newRequestId } from '../lib/ui/requestId.ts';
import { DidntLandForm } from './DidntLandForm.tsx';
import { FeedbackStatus } from './FeedbackStatus.tsx';

interface FeedbackControlsProps {
  target: FeedbackTarget;
  /** What the verdict is about, for screen readers: "the talking point 'Budget timing'". */
  subject: string;
  /** This lead's verdicts, newest first; the newest for `target` is shown. */
  feedback: readonly FeedbackView[];
}

/** "Landed" / "Didn't land" for one talking point or campaign message, and where the verdict is now. */
export function FeedbackControls({ target, subject, feedback }: FeedbackControlsProps) {
  const { send } = useSidebarActions();
  const [formOpen, setFormOpen] = useState(false);
  const [requestId, setRequestId] = useState<string | null>(null);
  const notice = useNotice(requestId);
  const formId = useId();
  const latest = latestVerdict(feedback, target);

  const sendVerdict = (verdict: Verdict, reason?: FeedbackReason, note?: string) => {
    const id = newRequestId();
    setRequestId(id);
    send({
      type: 'feedback',
      requestId: id,
      target,
      verdict,
      ...(reason ? { reason } : {}),
      ...(note ? { note } : {}),
    });
  };

  return (
    <div className="cf-feedback">
      <fieldset className="cf-feedback__verdicts">
        <legend className="cf-visually-hidden">{t('feedbackLegend', subject)}</legend>
        <button
          type="button"
          className="cf-button cf-button--small"
          aria-pressed={latest?.verdict === 'landed'}
          onClick={() => {
            setFormOpen(false);
            sendVerdict('landed');
          }}
        >
          <span aria-hidden="true">✓ </span>
          {t('landed')}
        </button>
        <button
          type="button"
          className="cf-button cf-button--small"
          aria-pressed={latest?.verdict === 'didnt_land'}
          aria-expanded={formOpen}
          aria-controls={formOpen ? formId : undefined}
          onClick={() => setFormOpen((open) => !open)}
        >
          <span aria-hidden="true">✗ </span>
          {t('didntLand')}
        </button>
      </fieldset>
      {formOpen && (
        <DidntLandForm
          id={formId}
          subject={subject}
          onSend={(reason, note) => {
            setFormOpen(false);
            sendVerdict('didnt_land', reason, note);
          }}
          onCancel={() => setFormOpen(false)}
        />
      )}
      {notice && !notice.ok && (
        <p role="alert" className="cf-error cf-meta">
          {noticeText(notice)}
        </p>
      )}
      {latest ? (
        <FeedbackStatus item={latest} />
      ) : (
        requestId !== null && !notice && <output className="cf-meta">{t('feedbackSaving')}</output>
      )}
    </div>
  );
}
