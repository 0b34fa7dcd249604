import type { SourceSummary } from '../../lib/contract/sources.ts';

const ROWS = [
  ['received', 'Received'],
  ['stored', 'Stored'],
  ['duplicates', 'Duplicates'],
  ['rejectedSignature', 'Rejected for signature'],
  ['unmapped', 'Unmapped'],
  ['skipped', 'Skipped'],
] as const;

/** Today's counts (the current UTC day) beside the all-time ones. */
export function SourcesCounts({ source }: { source: SourceSummary }) {
  return (
    <table className="console-table sources-counts">
      <caption>Counts for {source.name}</caption>
      <thead>
        <tr>
          <th scope="col">Items</th>
          <th scope="col" className="console-num">
            Today <span className="console-hint">({source.today.day}, UTC)</span>
          </th>
          <th scope="col" className="console-num">
            All time
          </th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map(([key, label]) => (
          <tr key={key}>
            <th scope="row">{label}</th>
            <td className="console-num">{source.today[key]}</td>
            <td className="console-num">{source.counters[key]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
