import type { Overview } from '../../lib/contract/overview.ts';
import { formatRate } from '../lib/format.ts';
import { liveFor, plural } from '../lib/overview.ts';
import type { Route } from '../lib/router.ts';
import { useSession } from '../lib/session.tsx';
import { Link } from './Link.tsx';
import { pageAllowed } from './Pages.tsx';

/** A talking point's details in What lands. */
export const landsDetail = (id: string): Route => ({ page: 'lands', target: { kind: 'talkingPoint', id } });

/** The live points landing worst over the last four weeks. */
export function HomeWorstLanding({ overview }: { overview: Overview }) {
  const { worstLanding } = overview;
  const noVerdicts = overview.thisWeek.verdicts + overview.lastWeek.verdicts === 0;
  return (
    <section className="console-panel" aria-labelledby="home-worst">
      <h2 id="home-worst">Worst-landing live points</h2>
      <p className="console-hint">
        Lowest landed rate over the last 4 weeks, among live points with at least {worstLanding.minVerdicts} verdicts.
      </p>
      {worstLanding.points.length === 0 ? (
        <p>
          {noVerdicts
            ? "Reps' verdicts show here once they flag points in the sidebar."
            : `No live point has ${worstLanding.minVerdicts} or more verdicts in the last 4 weeks yet.`}
        </p>
      ) : (
        <ol className="home-list">
          {worstLanding.points.map((p) => (
            <li key={p.id}>
              <Link to={landsDetail(p.id)}>{p.title}</Link>
              <span className="console-hint">
                {' '}
                {formatRate(p.landedRate)} landed: {p.landed} of {plural(p.verdicts, 'verdict')}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The live points no rep has used lately. */
export function HomeUnused({ overview }: { overview: Overview }) {
  const { me } = useSession();
  const { unused } = overview;
  // A marketer fixes an unused point in its editor; a sales manager reads how it fared.
  const unusedLink = (id: string): Route => (pageAllowed(me.role, 'point') ? { page: 'point', id } : landsDetail(id));
  return (
    <section className="console-panel" aria-labelledby="home-unused">
      <h2 id="home-unused">Live points no rep used in {daysSince(unused.since, overview.generatedAt)} days</h2>
      <p className="console-hint">Not copied or inserted by any rep; the longest live first.</p>
      {unused.points.length === 0 ? (
        <p>Every live point was used by a rep in that time.</p>
      ) : (
        <ul className="home-list">
          {unused.points.map((p) => (
            <li key={p.id}>
              <Link to={unusedLink(p.id)}>{p.title}</Link>
              <span className="console-hint"> {liveFor(p.liveSince, overview.generatedAt)}</span>
            </li>
          ))}
        </ul>
      )}
      {unused.total > unused.points.length && (
        <p className="console-hint">
          {unused.points.length} of {unused.total} shown.
        </p>
      )}
    </section>
  );
}

const daysSince = (since: string, now: string) => Math.round((Date.parse(now) - Date.parse(since)) / 86_400_000);
