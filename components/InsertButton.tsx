import { useState } from 'react';
import type { FeedbackTarget } from '../lib/contract/feedback.ts';
import type { SidebarNotice } from '../lib/messages.ts';
import { useNotice, useSidebarActions } from '../lib/ui/actions.tsx';
import { noticeWords } from '../lib/ui/background-text.ts';
import { t } from '../lib/ui/i18n.ts';
import { newRequestId } from '../lib/ui/requestId.ts';

/**
 * Puts a talking point's text into the draft open on the page, and says how that went. The insert
 * carries `target` and the id its use gets, so the background records the use once the text is in.
 */
export function InsertButton({ text, subject, target }: { text: string; subject: string; target: FeedbackTarget }) {
  const { send } = useSidebarActions();
  const [requestId, setRequestId] = useState<string | null>(null);
  const notice = useNotice(requestId);
  const waiting = requestId !== null && notice === undefined;

  return (
    <>
      <button
        type="button"
        className="cf-button cf-button--small"
        aria-label={t('insertLabel', subject)}
        aria-disabled={waiting || undefined}
        onClick={() => {
          if (waiting) return;
          const id = newRequestId();
          setRequestId(id);
          send({
            type: 'insert',
            requestId: id,
            text: text.slice(0, 4000),
            use: { id: crypto.randomUUID(), target },
          });
        }}
      >
        {t('insert')}
      </button>
      {/* Only ever filled in answer to the rep's own click. */}
      {requestId !== null && (
        <output
          className={notice && !notice.ok ? 'cf-meta cf-error cf-actions__message' : 'cf-meta cf-actions__message'}
        >
          {notice ? insertNoticeText(notice) : t('inserting')}
        </output>
      )}
    </>
  );
}

export function insertNoticeText(notice: SidebarNotice): string {
  if (notice.ok) return noticeWords('inserted');
  if (notice.code === 'no-compose' || notice.code === 'not-supported') return noticeWords(notice.code);
  return notice.message || t('insertFailed');
}
