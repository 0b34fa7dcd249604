import type { RankedTalkingPoint } from '../lib/contract/lookup.ts';
import type { FeedbackView } from '../lib/messages.ts';
import { t } from '../lib/ui/i18n.ts';
import { CopyButton } from './CopyButton.tsx';
import { FeedbackControls } from './FeedbackControls.tsx';
import { InsertButton } from './InsertButton.tsx';

interface TalkingPointCardProps {
  point: RankedTalkingPoint;
  feedback: readonly FeedbackView[];
}

/** One suggestion: what to say, why it was picked, how it has fared, and what the rep can do with it. */
export function TalkingPointCard({ point, feedback }: TalkingPointCardProps) {
  const target = { kind: 'talkingPoint', id: point.id } as const;
  return (
    <li className="cf-point">
      <h3 className="cf-point__title">{point.title}</h3>
      <p className="cf-text">{point.body}</p>
      {point.reasons.length > 0 && (
        <div className="cf-point__why">
          <p className="cf-point__why-label">{t('why')}</p>
          <ul className="cf-point__reasons">
            {point.reasons.map((reason) => (
              <li key={`${reason.code}:${reason.text}`}>{reason.text}</li>
            ))}
          </ul>
        </div>
      )}
      {point.fared && point.fared.landed + point.fared.didntLand > 0 && (
        <p className="cf-meta cf-point__fared">
          {t('faredLanded', [point.fared.landed, point.fared.landed + point.fared.didntLand])}
        </p>
      )}
      <div className="cf-actions">
        <CopyButton text={point.body} subject={point.title} target={target} />
        <InsertButton text={point.body} subject={point.title} target={target} />
      </div>
      <FeedbackControls target={target} subject={t('feedbackSubjectPoint', point.title)} feedback={feedback} />
    </li>
  );
}
