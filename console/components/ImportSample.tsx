import type { ImportKind, ImportPreview } from '../../lib/contract/imports.ts';
import { SAMPLE_HEADINGS, sampleCells } from '../lib/imports.ts';

/** The first rows as they would be stored, by spreadsheet row. */
export function ImportSample({ kind, sample }: { kind: ImportKind; sample: ImportPreview['sample'] }) {
  if (sample.length === 0) return <p className="console-hint">No row of this file would be imported as it is.</p>;
  return (
    <div className="console-table-wrap">
      <table className="console-table">
        <caption>
          {sample.length === 1
            ? 'The first row as it would be stored'
            : `The first ${sample.length} rows as they would be stored`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            {SAMPLE_HEADINGS[kind].map((heading) => (
              <th key={heading} scope="col">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sample.map(({ row, item }) => (
            <tr key={row}>
              <th scope="row" className="console-num">
                {row}
              </th>
              {sampleCells(kind, item).map((cell, i) => (
                <td key={SAMPLE_HEADINGS[kind][i]}>{cell || '—'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
