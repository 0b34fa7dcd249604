import type { FeedbackTarget } from '../lib/contract/feedback.ts';
import type { LeadContext } from '../lib/contract/lookup.ts';
import type { FeedbackView } from '../lib/messages.ts';
import { useSidebarActions } from '../lib/ui/actions.tsx';
import { verdictSummary } from '../lib/ui/feedback.ts';
import { t } from '../lib/ui/i18n.ts';

interface FailedFeedbackPanelProps {
  /** Verdicts the endpoint refused, for every lead. */
  failed: readonly FeedbackView[];
  /** The lead on screen, to name targets by their titles where it can. */
  context: LeadContext | undefined;
}

/** What the rep can do with each verdict that could not be sent, in the order the buttons stand. */
const ITEM_ACTIONS = [
  { intent: 'resend-failed', text: 'resend', label: 'resendLabel' },
  { intent: 'discard-failed', text: 'discard', label: 'discardLabel' },
] as const;

/** Verdicts that could not be sent: kept until the rep resends or discards each one. */
export function FailedFeedbackPanel({ failed, context }: FailedFeedbackPanelProps) {
  const { send } = useSidebarActions();
  return (
    <section className="cf-failed" aria-labelledby="cf-failed-title">
      <h2 id="cf-failed-title" className="cf-failed__title">
        {t('failedTitle', failed.length)}
      </h2>
      <ul className="cf-failed__list">
        {failed.map((item) => {
          const name = targetName(item.target, context);
          return (
            <li key={item.id} className="cf-failed__item">
              <p>
                <span className="cf-failed__what">{name}</span> — {verdictSummary(item)}
              </p>
              {item.failure && <p className="cf-meta cf-error">{item.failure}</p>}
              <div className="cf-actions">
                {ITEM_ACTIONS.map(({ intent, text, label }) => (
                  <button
                    key={intent}
                    type="button"
                    className="cf-button cf-button--small"
                    aria-label={t(label, name)}
                    onClick={() => send({ type: intent, id: item.id })}
                  >
                    {t(text)}
                  </button>
                ))}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** "Budget cycle timing", or "Campaign message: Q4 Cloud Savings"; the bare id when the lead on screen lacks it. */
function targetName(target: FeedbackTarget, context: LeadContext | undefined): string {
  if (target.kind === 'talkingPoint') {
    const point = context?.talkingPoints.find((candidate) => candidate.id === target.id);
    return point?.title ?? t('failedTargetPoint', target.id);
  }
  const campaigns = context ? [context.campaign, ...context.otherCampaigns] : [];
  const campaign = campaigns.find((candidate) => candidate?.key === target.id);
  return t('failedTargetCampaign', campaign?.name ?? target.id);
}
