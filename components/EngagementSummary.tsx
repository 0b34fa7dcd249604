import { EventType } from '../lib/contract/events.ts';
import type { EngagementSummary } from '../lib/contract/lookup.ts';
import { t } from '../lib/ui/i18n.ts';
import { eventCountLabel } from '../lib/ui/labels.ts';
import { formatScore } from '../lib/ui/number.ts';
import { formatDateTime, relativeTime } from '../lib/ui/time.ts';
import { EventIcon } from './EventIcon.tsx';
import { isWeakSignal, WeakSignalMark } from './WeakSignalMark.tsx';

/** The story at a glance: how warm, which way it's heading, what they did most, and when last. */
export function EngagementSummaryView({ summary, now }: { summary: EngagementSummary; now: number }) {
  const counts = EventType.options.flatMap((type) => {
    const count = summary.countsByType[type];
    return count ? [{ type, count }] : [];
  });
  // Most first, but opens after everything the lead did on purpose: they may be automatic.
  counts.sort((a, b) => Number(isWeakSignal(a.type)) - Number(isWeakSignal(b.type)) || b.count - a.count);
  return (
    <div className="cf-summary">
      <dl className="cf-stats">
        <div className="cf-stat">
          <dt>{t('statScore')}</dt>
          <dd>
            <span className="cf-stat__value">{formatScore(summary.score)}</span>
            <ScoreTrend score={summary.score} previous={summary.previousScore} />
          </dd>
        </div>
        <div className="cf-stat">
          <dt>{t('statEvents')}</dt>
          <dd>{summary.totalEvents}</dd>
        </div>
        <div className="cf-stat">
          <dt>{t('statLastTouch')}</dt>
          <dd>
            {summary.lastTouchAt ? (
              <time dateTime={summary.lastTouchAt} title={formatDateTime(summary.lastTouchAt)}>
                {relativeTime(summary.lastTouchAt, now)}
              </time>
            ) : (
              t('never')
            )}
          </dd>
        </div>
      </dl>
      {counts.length > 0 && (
        <ul className="cf-counts" aria-label={t('countsLabel')}>
          {counts.map(({ type, count }) => (
            <li key={type} className={isWeakSignal(type) ? 'cf-count cf-count--weak' : 'cf-count'}>
              <EventIcon type={type} />
              <span>{t('countItem', [eventCountLabel(type), count])}</span>
              {isWeakSignal(type) && (
                <>
                  {' '}
                  <WeakSignalMark />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {summary.hottestTopics.length > 0 && (
        <p className="cf-meta">
          <span className="cf-summary__label">{t('hotTopics')}</span>{' '}
          {summary.hottestTopics.map(({ topic, count }) => t('topicWithCount', [topic, count])).join(', ')}
        </p>
      )}
    </div>
  );
}

/** ▲ / ▼ beside the score, with words for screen readers and a tooltip. */
function ScoreTrend({ score, previous }: { score: number; previous: number | undefined }) {
  if (previous === undefined) return null;
  const was = formatScore(previous);
  const direction = score > previous + 0.05 ? 'up' : score < previous - 0.05 ? 'down' : 'flat';
  const words =
    direction === 'up' ? t('trendUp', was) : direction === 'down' ? t('trendDown', was) : t('trendFlat', was);
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '▬';
  return (
    <span className={`cf-trend cf-trend--${direction}`} title={words}>
      <span aria-hidden="true">{arrow}</span>
      <span className="cf-visually-hidden">{words}</span>
    </span>
  );
}
