import type { FeedbackView } from '../lib/messages.ts';
import { useSidebarActions } from '../lib/ui/actions.tsx';
import { deliveryText, verdictSummary } from '../lib/ui/feedback.ts';
import { t } from '../lib/ui/i18n.ts';
import { newRequestId } from '../lib/ui/requestId.ts';
import { useBefore } from '../lib/ui/useBefore.ts';

/** What the rep said and where it is: queued, sent, or couldn't send; Undo while the window is open. */
export function FeedbackStatus({ item }: { item: FeedbackView }) {
  const { send } = useSidebarActions();
  const canUndo = useBefore(item.undoUntil);
  return (
    <div className="cf-feedback__status">
      <output className={item.status === 'failed' ? 'cf-meta cf-error' : 'cf-meta'}>
        {t('feedbackStatusLine', [verdictSummary(item), deliveryText(item)])}
      </output>
      {canUndo && (
        <button
          type="button"
          className="cf-link-button"
          onClick={() => send({ type: 'undo-feedback', requestId: newRequestId(), id: item.id })}
        >
          {t('undo')}
        </button>
      )}
    </div>
  );
}
