import { useCallback } from 'react';
import { routes } from '../../lib/contract/routes.ts';
import { formatDateTime } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { HomeMovedForward } from './HomeMovedForward.tsx';
import { HomeNotes } from './HomeNotes.tsx';
import { HomeUnused, HomeWorstLanding } from './HomePoints.tsx';
import { HomeWeeks } from './HomeWeeks.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import '../home.css';

/**
 * The page a marketer or a sales manager starts on: this week against last, the live points to look
 * at, which move leads forward, and the reps' notes they have not read, each a link to its details.
 * Moved forward comes from What lands' summary in a call of its own: the heavier read (every use, lead
 * and stage change) fills its panel without holding up the rest.
 */
export function HomePage() {
  const { api } = useSession();
  const load = useCallback(() => api.call(routes.overview), [api]);
  const { loaded, reload: reloadOverview } = useLoad(load);
  const loadSummary = useCallback(() => api.call(routes.feedbackSummary, { query: {} }), [api]);
  const { loaded: summary, reload: reloadSummary } = useLoad(loadSummary);
  const reload = useCallback(() => {
    reloadOverview();
    reloadSummary();
  }, [reloadOverview, reloadSummary]);
  return (
    <>
      <div className="console-page-head">
        <h1>Home</h1>
        <button type="button" className="cf-button cf-button--small" onClick={reload}>
          Refresh
        </button>
      </div>
      {loaded.state === 'loading' && <p className="console-loading">Loading this week…</p>}
      {loaded.state === 'failed' && <ProblemAlert problem={loaded.problem} what="Could not load the home page." />}
      {loaded.state === 'ready' && (
        <>
          <p className="console-hint">As of {formatDateTime(loaded.data.generatedAt)}.</p>
          <div className="home-grid">
            <HomeWeeks overview={loaded.data} />
            <HomeNotes overview={loaded.data} onChanged={reloadOverview} />
            <div className="home-stack">
              <HomeWorstLanding overview={loaded.data} />
              <HomeMovedForward summary={summary} />
            </div>
            <HomeUnused overview={loaded.data} />
          </div>
        </>
      )}
    </>
  );
}
