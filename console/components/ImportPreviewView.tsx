import type { ImportPreview } from '../../lib/contract/imports.ts';
import { describeFile, previewCounts } from '../lib/imports.ts';
import { ImportColumns } from './ImportColumns.tsx';
import { ImportProblems } from './ImportProblems.tsx';
import { ImportSample } from './ImportSample.tsx';

interface ImportPreviewViewProps {
  preview: ImportPreview;
  timezone: string;
  busy: boolean;
  onMap: (column: string, field: string) => void;
  onImport: () => void;
}

/** How the file is read and what importing it would do; the import button writes it. */
export function ImportPreviewView({ preview, timezone, busy, onMap, onImport }: ImportPreviewViewProps) {
  const blocked = preview.headerProblems.length > 0;
  return (
    <section aria-labelledby="import-preview" className="import-preview" aria-busy={busy}>
      <h2 id="import-preview">Preview</h2>
      <dl className="import-facts">
        <dt>Read as</dt>
        <dd>{describeFile(preview)}</dd>
        {!blocked && (
          <>
            <dt>Rows</dt>
            <dd>{previewCounts(preview)}</dd>
          </>
        )}
      </dl>
      {preview.zonelessDates && !timezone.trim() && (
        <p className="console-note">
          Some dates have no time zone and are read as UTC; give the time zone above if they are local times.
        </p>
      )}
      {blocked && (
        <div className="console-alert import-blocked" role="alert">
          <p>
            <strong>This file cannot be imported with these columns.</strong> Choose the field of each column below:
          </p>
          <ul>
            {preview.headerProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <ImportColumns kind={preview.kind} columns={preview.columns} onMap={onMap} disabled={busy} />
      {!blocked && (
        <>
          <ImportSample kind={preview.kind} sample={preview.sample} />
          <ImportProblems problems={preview.problems} total={preview.problemCount} rows={preview.rejected} />
          <div className="console-actions">
            <button
              type="button"
              className="cf-button cf-button--primary"
              disabled={busy || preview.importable === 0}
              onClick={onImport}
            >
              Import {preview.importable.toLocaleString()} {preview.importable === 1 ? 'row' : 'rows'}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
