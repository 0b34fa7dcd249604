import { IMPORT_COLUMNS, type ImportKind, type ImportPreview } from '../../lib/contract/imports.ts';

interface ImportColumnsProps {
  kind: ImportKind;
  columns: ImportPreview['columns'];
  /** Changes which field a column fills ('' leaves it out); the preview is read again. */
  onMap: (column: string, field: string) => void;
  disabled: boolean;
}

/** Each column of the file and the field it fills, each one changeable (the CLI's `--map`). */
export function ImportColumns({ kind, columns, onMap, disabled }: ImportColumnsProps) {
  return (
    <div className="console-table-wrap">
      <table className="console-table import-columns">
        <caption>Columns</caption>
        <thead>
          <tr>
            <th scope="col">Column in the file</th>
            <th scope="col">Fills</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((column, i) => (
            // Column names may repeat in a file; their place does not.
            <tr key={`${i}:${column.name}`}>
              <th scope="row">{column.name || '(no name)'}</th>
              <td>
                <select
                  className="console-input"
                  aria-label={`Field for the column “${column.name}”`}
                  value={column.field ?? ''}
                  disabled={disabled}
                  onChange={(event) => onMap(column.name, event.target.value)}
                >
                  <option value="">Not imported</option>
                  {IMPORT_COLUMNS[kind].all.map((field) => (
                    <option key={field} value={field}>
                      {field}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
