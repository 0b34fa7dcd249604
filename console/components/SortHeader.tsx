import type { Sort, SortColumn } from '../lib/lands.ts';

interface SortHeaderProps {
  column: SortColumn;
  label: string;
  sort: Sort;
  onSort: (sort: Sort) => void;
}

/** A column header that sorts by its column; pressing it again reverses the order. */
export function SortHeader({ column, label, sort, onSort }: SortHeaderProps) {
  const active = sort.column === column ? sort.direction : undefined;
  const next = active === 'descending' ? 'ascending' : active === 'ascending' ? 'descending' : 'descending';
  return (
    <th scope="col" aria-sort={active ?? 'none'}>
      <button type="button" className="console-sort" onClick={() => onSort({ column, direction: next })}>
        {label}
        <span aria-hidden="true" className="console-sort__arrow">
          {active === 'ascending' ? ' ▲' : active === 'descending' ? ' ▼' : ' ↕'}
        </span>
      </button>
    </th>
  );
}
