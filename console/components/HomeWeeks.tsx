import type { Overview, WeekFigures } from '../../lib/contract/overview.ts';
import { formatRate } from '../lib/format.ts';
import { countChange, plural, rateChange, weekSpan } from '../lib/overview.ts';

interface Figure {
  label: string;
  now: string;
  last: string;
  change: string;
  /** What the figure is made of this week. */
  detail: string;
}

function figures(now: WeekFigures, last: WeekFigures): Figure[] {
  return [
    {
      label: 'Verdicts',
      now: String(now.verdicts),
      last: String(last.verdicts),
      change: countChange(now.verdicts, last.verdicts),
      detail: `${now.landed} landed, ${now.didntLand} didn't land`,
    },
    {
      label: 'Landed rate',
      now: formatRate(now.landedRate),
      last: formatRate(last.landedRate),
      change: rateChange(now.landedRate, last.landedRate),
      detail: 'Landed verdicts out of all verdicts',
    },
    {
      label: 'Points used by reps',
      now: String(now.pointsUsed),
      last: String(last.pointsUsed),
      change: countChange(now.pointsUsed, last.pointsUsed),
      detail: `${plural(now.uses, 'use')} by ${plural(now.repsUsing, 'rep')} (copied, inserted, calls to action opened)`,
    },
    {
      label: 'New notes',
      now: String(now.newNotes),
      last: String(last.newNotes),
      change: countChange(now.newNotes, last.newNotes),
      detail: 'Verdicts that came with a note',
    },
  ];
}

/** This week's figures beside last week's, and the change in words. */
export function HomeWeeks({ overview }: { overview: Overview }) {
  const { thisWeek, lastWeek } = overview;
  const quiet = thisWeek.verdicts + lastWeek.verdicts + thisWeek.uses + lastWeek.uses === 0;
  return (
    <section className="console-panel home-weeks" aria-labelledby="home-weeks">
      <h2 id="home-weeks">This week against last</h2>
      <p className="console-hint">
        This week: {weekSpan(thisWeek)}. Last week: {weekSpan(lastWeek)}.
      </p>
      {quiet && (
        <p>
          Nothing yet this week or last. Reps' verdicts show here once they flag points in the sidebar, and uses once
          they copy or insert points.
        </p>
      )}
      <ul className="home-figures">
        {figures(thisWeek, lastWeek).map((f) => (
          <li key={f.label} className="home-figure">
            <h3>{f.label}</h3>
            <p>
              <span className="home-figure__now">{f.now}</span> this week
            </p>
            <p className="console-hint">{f.detail}</p>
            <p>Last week: {f.last}</p>
            <p className="home-figure__change">{f.change}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
