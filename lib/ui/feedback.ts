import type { FeedbackTarget } from '../contract/feedback.ts';
import type { FeedbackView } from '../messages.ts';
import { t } from './i18n.ts';
import { reasonLabel } from './labels.ts';

/** The newest verdict this browser holds for a target (the background lists them newest first). */
export function latestVerdict(feedback: readonly FeedbackView[] | undefined, target: FeedbackTarget) {
  return feedback?.find((item) => item.target.kind === target.kind && item.target.id === target.id);
}

/** "Didn't land (Pricing)" or "Landed": what the rep said. */
export function verdictSummary(item: Pick<FeedbackView, 'verdict' | 'reason'>): string {
  if (item.verdict === 'landed') return t('verdictLanded');
  return item.reason ? t('verdictDidntLandBecause', reasonLabel(item.reason)) : t('verdictDidntLand');
}

/** Where the verdict is on its way to marketing. */
export function deliveryText(item: Pick<FeedbackView, 'status' | 'failure'>): string {
  switch (item.status) {
    case 'queued':
      return t('feedbackQueued');
    case 'sent':
      return t('feedbackSent');
    case 'failed':
      return t('feedbackFailed', item.failure ?? t('feedbackFailedUnknown'));
  }
}
