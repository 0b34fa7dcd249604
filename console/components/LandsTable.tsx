import { formatRate } from '../lib/format.ts';
import type { LandsRow, Sort } from '../lib/lands.ts';
import { movedForwardCell, movedForwardSamples } from '../lib/moved-forward.ts';
import { SortHeader } from './SortHeader.tsx';
import { StatusBadge } from './StatusBadge.tsx';

interface LandsTableProps {
  rows: readonly LandsRow[];
  sort: Sort;
  onSort: (sort: Sort) => void;
  selected: string | null;
  onSelect: (row: LandsRow) => void;
}

/**
 * Landed vs didn't land per talking point and campaign message, how often reps used it and whether
 * the leads it was used with moved forward (all segments); every column header sorts.
 */
export function LandsTable({ rows, sort, onSort, selected, onSelect }: LandsTableProps) {
  const header = (column: Parameters<typeof SortHeader>[0]['column'], label: string) => (
    <SortHeader column={column} label={label} sort={sort} onSort={onSort} />
  );
  return (
    <div className="console-table-wrap">
      <table className="console-table console-lands">
        <caption className="cf-visually-hidden">
          What lands
          {sort.column === 'worst' ? ', worst-landing live first' : ''}
        </caption>
        <thead>
          <tr>
            {header('title', 'Title')}
            {header('kind', 'Kind')}
            {header('campaign', 'Campaign')}
            {header('status', 'Status')}
            {header('landed', 'Landed')}
            {header('didntLand', "Didn't land")}
            {header('rate', "Didn't-land rate")}
            {header('uses', 'Used')}
            {header('moved', 'Moved forward')}
            <th scope="col">Top reason</th>
            <th scope="col">
              <span className="cf-visually-hidden">Details</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className={row.id === selected ? 'console-row--selected' : undefined}>
              <th scope="row">{row.title}</th>
              <td>{row.kind}</td>
              <td>{row.campaign ?? '—'}</td>
              <td>
                <StatusBadge status={row.status} />
              </td>
              <td className="console-num">{row.landed}</td>
              <td className="console-num">{row.didntLand}</td>
              <td className="console-num">{formatRate(row.rate)}</td>
              <td className="console-num">
                {row.usage.uses}
                {row.usage.uses > 0 && (
                  <span className="console-hint">
                    {' '}
                    · {row.usage.reps} {row.usage.reps === 1 ? 'rep' : 'reps'}
                  </span>
                )}
              </td>
              <td title={movedForwardSamples(row.movedForward)}>{movedForwardCell(row.movedForward)}</td>
              <td>{row.topReason ?? '—'}</td>
              <td>
                <button
                  type="button"
                  className="cf-button cf-button--small"
                  aria-pressed={row.id === selected}
                  aria-label={`Details for ${row.title}`}
                  onClick={() => onSelect(row)}
                >
                  Details
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
