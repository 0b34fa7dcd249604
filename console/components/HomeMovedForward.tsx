import type { FeedbackSummary } from '../../lib/contract/feedback.ts';
import { MOVED_FORWARD_DAYS, MOVED_FORWARD_MIN_LEADS } from '../../lib/contract/feedback.ts';
import { type ClearPoint, clearPoints, formatPoints, movedForwardInWords } from '../lib/moved-forward.ts';
import { plural } from '../lib/overview.ts';
import type { Loaded } from '../lib/useLoad.ts';
import { landsDetail } from './HomePoints.tsx';
import { Link } from './Link.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';

/**
 * The live points whose leads clearly moved forward more often, or less often, than comparable leads
 * they were not used with: picked from What lands' summary (all uses so far), not computed here.
 */
export function HomeMovedForward({ summary }: { summary: Loaded<FeedbackSummary> }) {
  return (
    <section className="console-panel" aria-labelledby="home-moved">
      <h2 id="home-moved">Moved forward</h2>
      <p className="console-hint">
        Live points whose leads advanced a stage within {MOVED_FORWARD_DAYS} days of a use more or less often than leads
        like them the point was not used with, over all uses so far (as in What lands). A correlation, not a cause.
      </p>
      {summary.state === 'loading' && <p className="console-loading">Loading which points move leads forward…</p>}
      {summary.state === 'failed' && (
        <ProblemAlert problem={summary.problem} what="Could not load which points move leads forward." />
      )}
      {summary.state === 'ready' && <Clear {...clearPoints(summary.data)} />}
    </section>
  );
}

function Clear({ ahead, behind, judged }: ReturnType<typeof clearPoints>) {
  if (judged === 0) {
    return (
      <p>
        Too few uses yet to tell which points move leads forward: it takes {MOVED_FORWARD_MIN_LEADS} leads a point was
        used with, {MOVED_FORWARD_DAYS} days on, and {MOVED_FORWARD_MIN_LEADS} like them it was not.
      </p>
    );
  }
  return (
    <>
      <p className="console-hint">
        {plural(judged, 'live point')} had enough uses to tell; the others are too few so far.
      </p>
      <Side
        id="home-ahead"
        heading="Move leads forward"
        points={ahead}
        none="No live point clearly moves leads forward yet."
      />
      <Side id="home-behind" heading="Hold leads back" points={behind} none="No live point clearly holds leads back." />
    </>
  );
}

function Side({ id, heading, points, none }: { id: string; heading: string; points: ClearPoint[]; none: string }) {
  return (
    <>
      <h3 id={id}>
        {heading} ({points.length})
      </h3>
      {points.length === 0 ? (
        <p>{none}</p>
      ) : (
        <ul className="home-list" aria-labelledby={id}>
          {points.map((p) => (
            <li key={p.id}>
              <Link to={landsDetail(p.id)}>{p.title}</Link>
              <span className="console-hint">
                {' '}
                {formatPoints(p.movedForward.difference ?? 0)}: {movedForwardInWords(p.movedForward)}.
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
