import { type FormEvent, useId, useRef, useState } from 'react';
import { type FeedbackReason, FeedbackReason as FeedbackReasonSchema } from '../lib/contract/feedback.ts';
import { t } from '../lib/ui/i18n.ts';
import { REASON_ORDER, reasonLabel } from '../lib/ui/labels.ts';

interface DidntLandFormProps {
  id: string;
  subject: string;
  onSend: (reason: FeedbackReason, note: string | undefined) => void;
  onCancel: () => void;
}

const MAX_NOTE = 2000;

/** Why it didn't land (required) and an optional note for marketing. */
export function DidntLandForm({ id, subject, onSend, onCancel }: DidntLandFormProps) {
  const [reason, setReason] = useState<FeedbackReason | null>(null);
  const [missingReason, setMissingReason] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const firstReasonRef = useRef<HTMLInputElement>(null);
  const noteId = useId();
  const errorId = useId();
  const groupName = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason === null) {
      setMissingReason(true);
      firstReasonRef.current?.focus();
      return;
    }
    const note = noteRef.current?.value.trim() ?? '';
    onSend(reason, note === '' ? undefined : note.slice(0, MAX_NOTE));
  };

  return (
    <form id={id} className="cf-didnt-land" onSubmit={submit} aria-label={t('didntLandFormLabel', subject)}>
      <fieldset className="cf-didnt-land__reasons" aria-describedby={missingReason ? errorId : undefined}>
        <legend className="cf-didnt-land__legend">{t('didntLandWhy')}</legend>
        {REASON_ORDER.map((option, index) => (
          <label key={option} className="cf-radio">
            <input
              ref={index === 0 ? firstReasonRef : undefined}
              type="radio"
              name={groupName}
              value={option}
              checked={reason === option}
              onChange={(event) => {
                const picked = FeedbackReasonSchema.safeParse(event.currentTarget.value);
                if (picked.success) setReason(picked.data);
                setMissingReason(false);
              }}
            />
            {reasonLabel(option)}
          </label>
        ))}
      </fieldset>
      {missingReason && (
        <p id={errorId} role="alert" className="cf-error cf-meta">
          {t('didntLandReasonRequired')}
        </p>
      )}
      <label htmlFor={noteId} className="cf-didnt-land__note-label">
        {t('didntLandNote')}
      </label>
      <textarea id={noteId} ref={noteRef} className="cf-input cf-textarea" rows={2} maxLength={MAX_NOTE} />
      <div className="cf-actions">
        <button type="submit" className="cf-button cf-button--primary cf-button--small">
          {t('send')}
        </button>
        <button type="button" className="cf-button cf-button--small" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
