import type { FeedbackReason } from '../../lib/contract/feedback.ts';
import { REASON_ORDER, reasonLabel } from '../../lib/ui/labels.ts';
import { verdictsByWeek } from '../lib/charts.ts';
import { formatRate } from '../lib/format.ts';
import type { LandsRow } from '../lib/lands.ts';
import { movedForwardMeaning, movedForwardSamples } from '../lib/moved-forward.ts';
import { WeeklyVerdicts } from './charts/WeeklyVerdicts.tsx';
import { Notes } from './Notes.tsx';

/** One target's breakdown: use and Moved forward, reasons, segments, weeks (a chart over `weeks`), and what reps wrote. */
export function TargetDetail({ row, weeks }: { row: LandsRow; weeks: readonly string[] }) {
  const summary = row.summary;
  const reasons = REASON_ORDER.map((reason): [FeedbackReason, number] => [
    reason,
    summary?.reasons[reason] ?? 0,
  ]).filter(([, count]) => count > 0);
  return (
    <section className="console-panel console-detail" aria-labelledby="detail-heading">
      <h2 id="detail-heading">
        {row.kind}: {row.title}
      </h2>
      <h3>Moved forward</h3>
      {row.usage.uses === 0 ? (
        <p>No rep has used it yet, so there is nothing to compare.</p>
      ) : (
        <>
          <p>
            Used {row.usage.uses} {row.usage.uses === 1 ? 'time' : 'times'} by {row.usage.reps}{' '}
            {row.usage.reps === 1 ? 'rep' : 'reps'} with {row.usage.leads} {row.usage.leads === 1 ? 'lead' : 'leads'}.
          </p>
          <p>{movedForwardSamples(row.movedForward)}</p>
          <p>{movedForwardMeaning(row.movedForward)}</p>
          <p className="console-hint">
            The baseline is leads in the same stage and industry in the same weeks it was not used with. A difference
            here is a correlation, not proof: reps choose whom to use a point with.
          </p>
        </>
      )}
      {!summary && <p>No rep has given a verdict on this yet.</p>}
      {summary && <WeeklyVerdicts title={`${row.title}, per week`} weeks={verdictsByWeek([row], weeks)} />}
      {summary && (
        <div className="console-detail__grid">
          <table className="console-table">
            <caption>Why it didn't land</caption>
            <thead>
              <tr>
                <th scope="col">Reason</th>
                <th scope="col">Verdicts</th>
              </tr>
            </thead>
            <tbody>
              {reasons.length === 0 && (
                <tr>
                  <td colSpan={2}>No didn't-land verdicts.</td>
                </tr>
              )}
              {reasons.map(([reason, count]) => (
                <tr key={reason}>
                  <th scope="row">{reasonLabel(reason)}</th>
                  <td className="console-num">{count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="console-table">
            <caption>By segment</caption>
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col">Landed</th>
                <th scope="col">Didn't land</th>
                <th scope="col">Rate</th>
              </tr>
            </thead>
            <tbody>
              {summary.bySegment.map((s) => (
                <tr key={`${s.dimension}:${s.value}`}>
                  <th scope="row">
                    {s.value} <span className="console-hint">({s.dimension})</span>
                  </th>
                  <td className="console-num">{s.tally.landed}</td>
                  <td className="console-num">{s.tally.didntLand}</td>
                  <td className="console-num">{formatRate(s.tally.didntLandRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="console-table">
            <caption>By week</caption>
            <thead>
              <tr>
                <th scope="col">Week</th>
                <th scope="col">Landed</th>
                <th scope="col">Didn't land</th>
                <th scope="col">Rate</th>
              </tr>
            </thead>
            <tbody>
              {summary.byWeek.map((w) => (
                <tr key={w.week}>
                  <th scope="row">{w.week}</th>
                  <td className="console-num">{w.tally.landed}</td>
                  <td className="console-num">{w.tally.didntLand}</td>
                  <td className="console-num">{formatRate(w.tally.didntLandRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Notes key={row.id} target={row.target} />
    </section>
  );
}
