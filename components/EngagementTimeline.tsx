import type { TimelineEvent } from '../lib/contract/lookup.ts';
import { useSidebarActions } from '../lib/ui/actions.tsx';
import { t } from '../lib/ui/i18n.ts';
import { eventVerb } from '../lib/ui/labels.ts';
import { formatClock, formatDateTime } from '../lib/ui/time.ts';
import { groupByDay } from '../lib/ui/timeline.ts';
import { EventIcon } from './EventIcon.tsx';
import { ExternalLink } from './ExternalLink.tsx';
import { isWeakSignal, WeakSignalMark } from './WeakSignalMark.tsx';

interface EngagementTimelineProps {
  timeline: readonly TimelineEvent[];
  /** The endpoint holds older events than these. */
  hasMore: boolean;
  loadingMore: boolean;
  now: number;
}

/** What the lead engaged with, newest first, under a heading per day. */
export function EngagementTimeline({ timeline, hasMore, loadingMore, now }: EngagementTimelineProps) {
  const { send } = useSidebarActions();
  const days = groupByDay(timeline, now);
  return (
    <div className="cf-engagement">
      {days.length === 0 ? (
        <p className="cf-empty">{t('noEngagement')}</p>
      ) : (
        <ol className="cf-days" aria-label={t('timelineLabel')}>
          {days.map((day) => (
            <li key={day.key} className="cf-day">
              <h3 className="cf-day__title">{day.label}</h3>
              <ol className="cf-timeline">
                {day.events.map((event) => (
                  <TimelineItem key={event.id} event={event} />
                ))}
              </ol>
            </li>
          ))}
        </ol>
      )}
      {hasMore && (
        <button
          type="button"
          className="cf-button cf-button--small cf-more"
          aria-disabled={loadingMore || undefined}
          onClick={() => {
            if (!loadingMore) send({ type: 'load-more-events' });
          }}
        >
          {loadingMore ? t('loadingMore') : t('showMore')}
        </button>
      )}
    </div>
  );
}

function TimelineItem({ event }: { event: TimelineEvent }) {
  const weak = isWeakSignal(event.type);
  return (
    <li className={weak ? 'cf-event cf-event--weak' : 'cf-event'}>
      <EventIcon type={event.type} />
      <p className="cf-event__what">
        <span className="cf-event__verb">{eventVerb(event.type)}</span>
        {event.content && (
          <>
            {' '}
            <ExternalLink href={event.content.url} className="cf-event__content">
              {event.content.title}
            </ExternalLink>
          </>
        )}
        {weak && (
          <>
            {' '}
            <WeakSignalMark />
          </>
        )}
      </p>
      <time className="cf-event__when" dateTime={event.occurredAt} title={formatDateTime(event.occurredAt)}>
        {formatClock(event.occurredAt)}
      </time>
    </li>
  );
}
