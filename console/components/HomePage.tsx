import { useCallback } from 'react';
import { routes } from '../../lib/contract/routes.ts';
import { formatDateTime } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { HomeNotes } from './HomeNotes.tsx';
import { HomePoints } from './HomePoints.tsx';
import { HomeWeeks } from './HomeWeeks.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import '../home.css';

/**
 * The page a marketer or a sales manager starts on: this week against last, the live points to look
 * at, and the reps' notes they have not read, each a link to its details.
 */
export function HomePage() {
  const { api } = useSession();
  const load = useCallback(() => api.call(routes.overview), [api]);
  const { loaded, reload } = useLoad(load);
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
            <HomeNotes overview={loaded.data} onChanged={reload} />
            <HomePoints overview={loaded.data} />
          </div>
        </>
      )}
    </>
  );
}
