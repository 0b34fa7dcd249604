import type { ImportProblem } from '../../lib/contract/imports.ts';

interface ImportProblemsProps {
  problems: readonly ImportProblem[];
  /** Every problem, listed or not. */
  total: number;
  rows: number;
}

/** Every problem (the first 100) by spreadsheet row and column, with the value found there. */
export function ImportProblems({ problems, total, rows }: ImportProblemsProps) {
  if (total === 0) return null;
  const shown = total > problems.length ? `; the first ${problems.length} are listed` : '';
  return (
    <section aria-labelledby="import-problems">
      <h2 id="import-problems">
        {total.toLocaleString()} {total === 1 ? 'problem' : 'problems'} in {rows.toLocaleString()}{' '}
        {rows === 1 ? 'row' : 'rows'}
      </h2>
      <p className="console-hint">
        Rows with a problem are not imported; the others are{shown}. Row numbers are the spreadsheet's (the header is
        row 1).
      </p>
      <div className="console-table-wrap">
        <table className="console-table import-problems">
          <caption className="cf-visually-hidden">Problems by row</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Column</th>
              <th scope="col">Value</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a row may have several problems in one column; the list is fixed
              <tr key={i}>
                <th scope="row" className="console-num">
                  {p.row}
                </th>
                <td>{p.column ?? '—'}</td>
                <td>{p.value === undefined ? '—' : <code>{p.value}</code>}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
