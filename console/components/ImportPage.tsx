import { type FormEvent, useState } from 'react';
import type { Problem } from '../../lib/contract/common.ts';
import { type ImportPreview, type ImportResult, MAX_IMPORT_BYTES } from '../../lib/contract/imports.ts';
import { routes } from '../../lib/contract/routes.ts';
import { type ImportChoices, importQuery } from '../lib/imports.ts';
import { useSession } from '../lib/session.tsx';
import { Field } from './Field.tsx';
import { ImportPreviewView } from './ImportPreviewView.tsx';
import { ImportProblems } from './ImportProblems.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import '../import.css';

type Step =
  | { step: 'choosing' }
  | { step: 'previewing'; preview?: ImportPreview }
  | { step: 'previewed'; preview: ImportPreview }
  | { step: 'importing'; preview: ImportPreview }
  | { step: 'imported'; result: ImportResult };

const NO_CHOICES: ImportChoices = { kind: 'leads', columns: {}, timezone: '', stageMap: '' };
const MiB = 1024 * 1024;

const tooLarge = (file: File): Problem => ({
  type: 'urn:coalface:console',
  title: 'File too large',
  status: 413,
  detail: `${file.name} is ${(file.size / MiB).toFixed(1)} MiB; the console imports files up to ${MAX_IMPORT_BYTES / MiB} MiB. Import a larger file with "npm run server -- import" on the server.`,
});

/**
 * Import a CSV file of leads or events as the tools export it: preview how it is read (the tool,
 * each column's field, the first rows, every problem), change a column's field or the time zone,
 * then import; nothing is written before the import is confirmed.
 */
export function ImportPage() {
  const { api } = useSession();
  const [choices, setChoices] = useState<ImportChoices>(NO_CHOICES);
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>({ step: 'choosing' });
  const [problem, setProblem] = useState<{ problem: Problem; what: string } | null>(null);
  const [announced, setAnnounced] = useState('');
  const [fileKey, setFileKey] = useState(0);

  /** A change to what is read: the preview no longer says what the import would do. */
  const change = (next: Partial<ImportChoices>) => {
    setChoices((current) => ({ ...current, ...next }));
    setStep({ step: 'choosing' });
    setProblem(null);
    setAnnounced('');
  };

  const preview = async (wanted: ImportChoices) => {
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setProblem({ problem: tooLarge(file), what: 'Cannot read this file here.' });
      return;
    }
    setProblem(null);
    setStep((current) => ({
      step: 'previewing',
      ...(current.step === 'previewed' ? { preview: current.preview } : {}),
    }));
    setAnnounced('Reading the file…');
    const answer = await api.call(routes.previewImport, { query: importQuery(wanted, file.name), body: file });
    if (!answer.ok) {
      setStep({ step: 'choosing' });
      setProblem({ problem: answer.problem, what: 'Could not read this file.' });
      setAnnounced('');
      return;
    }
    setStep({ step: 'previewed', preview: answer.data });
    setAnnounced(
      answer.data.headerProblems.length > 0
        ? `Preview of ${file.name}: the columns need mapping before it can be imported.`
        : `Preview of ${file.name} ready: ${answer.data.importable.toLocaleString()} rows to import, ${answer.data.rejected.toLocaleString()} with problems. Nothing is written until you import.`,
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void preview(choices);
  };

  const remap = (column: string, field: string) => {
    const next = { ...choices, columns: { ...choices.columns, [column]: field } };
    setChoices(next);
    void preview(next);
  };

  const runImport = async (seen: ImportPreview) => {
    if (!file) return;
    setStep({ step: 'importing', preview: seen });
    setAnnounced('Importing…');
    const answer = await api.call(routes.runImport, { query: importQuery(choices, file.name), body: file });
    if (!answer.ok) {
      setStep({ step: 'previewed', preview: seen });
      setProblem({ problem: answer.problem, what: 'The import failed.' });
      setAnnounced('');
      return;
    }
    setStep({ step: 'imported', result: answer.data });
    setAnnounced(answer.data.summary);
  };

  const startOver = () => {
    setChoices(NO_CHOICES);
    setFile(null);
    setFileKey((k) => k + 1);
    change(NO_CHOICES);
  };

  const busy = step.step === 'previewing' || step.step === 'importing';
  const shown = step.step === 'previewing' ? step.preview : 'preview' in step ? step.preview : undefined;

  return (
    <>
      <div className="console-page-head">
        <h1>Import</h1>
      </div>
      <p className="console-hint">
        Leads or engagement events from a CSV file as HubSpot, Salesforce, Mautic or Marketo export it, or with our own
        columns. You see how the file is read before anything is written.
      </p>
      <output className="cf-status import-status">{announced}</output>
      {step.step === 'imported' ? (
        <section aria-labelledby="import-done" className="import-done">
          <h2 id="import-done">Imported</h2>
          <p className="console-success">{step.result.summary}</p>
          <ImportProblems
            problems={step.result.problems}
            total={step.result.problemCount}
            rows={step.result.rejected}
          />
          <button type="button" className="cf-button" onClick={startOver}>
            Import another file
          </button>
        </section>
      ) : (
        <>
          <form className="console-form import-form" onSubmit={submit}>
            <fieldset className="console-fieldset">
              <legend>The file holds</legend>
              {(['leads', 'events'] as const).map((kind) => (
                <label key={kind} className="console-check">
                  <input
                    type="radio"
                    name="import-kind"
                    value={kind}
                    checked={choices.kind === kind}
                    onChange={() => change({ kind, columns: {} })}
                  />
                  {kind === 'leads' ? 'Leads (contacts)' : 'Engagement events (activities)'}
                </label>
              ))}
            </fieldset>
            <Field label="CSV file" hint="As the tool exported it: UTF-8 or Windows-1252, commas, semicolons or tabs.">
              {(control) => (
                <input
                  key={fileKey}
                  {...control}
                  type="file"
                  accept=".csv,.tsv,.txt,text/csv"
                  onChange={(event) => {
                    setFile(event.target.files?.[0] ?? null);
                    change({ columns: {} });
                  }}
                />
              )}
            </Field>
            <div className="console-row">
              <Field
                label="Time zone of dates without one"
                hint="An IANA name such as Europe/Berlin or America/New_York; UTC when empty."
              >
                {(control) => (
                  <input
                    {...control}
                    className="console-input"
                    value={choices.timezone}
                    onChange={(event) => change({ timezone: event.target.value })}
                  />
                )}
              </Field>
              <Field
                label="Stage values"
                hint="One Value=stage a line (Nurturing=mql), for stage names of your own; nothing after = keeps the stored stage."
              >
                {(control) => (
                  <textarea
                    {...control}
                    className="console-input"
                    rows={2}
                    value={choices.stageMap}
                    onChange={(event) => change({ stageMap: event.target.value })}
                  />
                )}
              </Field>
            </div>
            <div className="console-actions">
              <button type="submit" className="cf-button" disabled={!file || busy}>
                Preview
              </button>
            </div>
          </form>
          {problem && <ProblemAlert problem={problem.problem} what={problem.what} />}
          {shown && (
            <ImportPreviewView
              preview={shown}
              timezone={choices.timezone}
              busy={busy}
              onMap={remap}
              onImport={() => void runImport(shown)}
            />
          )}
        </>
      )}
    </>
  );
}
