import type { RankedTalkingPoint } from '../lib/contract/lookup.ts';
import type { FeedbackView } from '../lib/messages.ts';
import { t } from '../lib/ui/i18n.ts';
import { TalkingPointCard } from './TalkingPointCard.tsx';

interface TalkingPointsProps {
  points: readonly RankedTalkingPoint[];
  feedback: readonly FeedbackView[];
}

/** Suggestions, best first, each with the reasons it was ranked for this lead. */
export function TalkingPoints({ points, feedback }: TalkingPointsProps) {
  if (points.length === 0) {
    return <p className="cf-empty">{t('noTalkingPoints')}</p>;
  }
  return (
    <ol className="cf-points">
      {points.map((point) => (
        <TalkingPointCard key={point.id} point={point} feedback={feedback} />
      ))}
    </ol>
  );
}
