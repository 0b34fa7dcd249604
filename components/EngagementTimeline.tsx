import type { LeadContext, TimelineEvent } from '../lib/contract/lookup.ts';
import { EVENT_VERB } from '../lib/ui/labels.ts';
import { formatDate, formatDateTime, relativeTime } from '../lib/ui/time.ts';
import { ExternalLink } from './ExternalLink.tsx';

interface EngagementTimelineProps {
  engagement: LeadContext['engagement'];
  now: number;
}

const scoreFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** How warm the lead is (summary) and what they engaged with (events, newest first). */
export function EngagementTimeline({ engagement, now }: EngagementTimelineProps) {
  const { summary, timeline, hasMore } = engagement;
  const newestFirst = [...timeline].sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
  return (
    <div className="cf-engagement">
      <dl className="cf-stats">
        <div className="cf-stat">
          <dt>Events</dt>
          <dd>{summary.totalEvents}</dd>
        </div>
        <div className="cf-stat">
          <dt>Score</dt>
          <dd>{scoreFormat.format(summary.score)}</dd>
        </div>
        <div className="cf-stat">
          <dt>Last touch</dt>
          <dd>{summary.lastTouchAt ? relativeTime(summary.lastTouchAt, now) : 'never'}</dd>
        </div>
      </dl>
      {summary.hottestTopics.length > 0 && (
        <p className="cf-meta">
          Hot topics: {summary.hottestTopics.map(({ topic, count }) => `${topic} (${count})`).join(', ')}
        </p>
      )}
      {newestFirst.length === 0 ? (
        <p className="cf-empty">No engagement recorded yet.</p>
      ) : (
        <ol className="cf-timeline" aria-label="Engagement events, newest first">
          {newestFirst.map((event) => (
            <TimelineItem key={event.id} event={event} />
          ))}
        </ol>
      )}
      {hasMore && <p className="cf-meta">Showing the latest {newestFirst.length} events.</p>}
    </div>
  );
}

function TimelineItem({ event }: { event: TimelineEvent }) {
  return (
    <li className="cf-event">
      <p className="cf-event__what">
        <span className="cf-event__verb">{EVENT_VERB[event.type]}</span>
        {event.content && (
          <>
            {' '}
            <ExternalLink href={event.content.url} className="cf-event__content">
              {event.content.title}
            </ExternalLink>
          </>
        )}
      </p>
      <time className="cf-event__when" dateTime={event.occurredAt} title={formatDateTime(event.occurredAt)}>
        {formatDate(event.occurredAt)}
      </time>
    </li>
  );
}
