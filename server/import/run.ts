import { MAX_LISTED_PROBLEMS } from '../../lib/contract/imports.ts';
import type { Store } from '../store/index.ts';
import type { SourceRef } from '../store/leads.ts';
import { type Field, ImportError, type ImportKind } from './columns.ts';
import { ingestEvents, ingestLeads } from './ingest.ts';
import { fileInput, type ImportInput } from './input.ts';
import { joined, joinMarketoLeads } from './marketo-join.ts';
import { createImportProgress, type ProgressSink } from './progress.ts';
import { openFile, type ReadOptions, UnreadableCsv } from './read.ts';
import { type Cell, problemLine, type RowProblem } from './rows.ts';

/** The HTTP batch limit: each batch is one transaction, as one `POST` would be. */
export const IMPORT_BATCH = 5000;

/** A problem of one row, by spreadsheet row (the header is row 1). */
export type ListedProblem = { row: number } & RowProblem;

export interface ImportSummary {
  kind: ImportKind;
  rows: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  /** Rows that are not engagement (a HubSpot DELIVERED, a Marketo Send Email), by type value. */
  skipped: Record<string, number>;
  seconds: number;
  preset: string | undefined;
  /** The first problems (as many as are printed), in row order. */
  problems: ListedProblem[];
  problemCount: number;
}

export interface ImportOptions extends ReadOptions {
  /** Where problems (`row N, column "X": …`), notes and progress go; stderr in the CLI. */
  log: ProgressSink;
  now?: () => Date;
  progressIntervalMs?: number;
}

type Pending = { row: number; item: Record<string, unknown>; sourceRefs: SourceRef[]; marketoLeadId?: Cell };

/** Streams the CSV file at `file` into the store: see importInput. */
export async function importCsv(
  store: Store,
  kind: ImportKind,
  file: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  return importInput(store, kind, fileInput(file), options);
}

/**
 * Streams a CSV file into the store in batches of 5,000 through the HTTP ingest's validation and
 * writes. Good rows are kept; every problem of a bad row is reported by spreadsheet row (the header
 * is row 1) and column. Throws ImportError for a file that cannot be imported at all.
 */
export async function importInput(
  store: Store,
  kind: ImportKind,
  input: ImportInput,
  options: ImportOptions,
): Promise<ImportSummary> {
  const file = await openFile(input, kind, options);
  const { header } = file;
  if (header.problems[0] !== undefined) {
    file.close();
    throw new ImportError(header.problems[0]);
  }
  const now = options.now ?? (() => new Date());
  const log = options.log;
  const notes = [
    file.encoding === 'windows-1252' ? 'read as Windows-1252 (the file is not UTF-8)' : '',
    header.preset ? `read as a ${header.preset.label}` : '',
    header.ignored.length > 0 ? `not imported: ${header.ignored.map((n) => `"${n}"`).join(', ')}` : '',
  ].filter(Boolean);
  if (notes.length > 0) log.write(`${notes.join('; ')}\n`);
  const progress = createImportProgress(log, `importing ${kind}`, input.size, options.progressIntervalMs);
  const started = performance.now();
  const summary: ImportSummary = {
    kind,
    rows: 0,
    accepted: 0,
    rejected: 0,
    duplicates: 0,
    skipped: {},
    seconds: 0,
    preset: header.preset?.name,
    problems: [],
    problemCount: 0,
  };
  const report = (row: number, problems: readonly RowProblem[]) => {
    summary.rejected++;
    for (const p of problems) {
      if (summary.problemCount++ >= MAX_LISTED_PROBLEMS) continue;
      summary.problems.push({ row, ...p });
      log.write(`${problemLine(row, p)}\n`);
    }
  };
  let zonelessNoted = false;
  let pending: Pending[] = [];
  /** Problems of rows not yet written, reported with the batch so lines stay in row order. */
  let held: { row: number; problems: RowProblem[] }[] = [];

  const flush = async () => {
    if (pending.length === 0 && held.length === 0) return;
    const failures = [...held, ...(await joinMarketoLeads(store, pending))];
    const ready = pending.filter(joined);
    const nowIso = now().toISOString();
    const result =
      kind === 'leads'
        ? await ingestLeads(
            store,
            ready.map((p) => p.item),
            nowIso,
            ready.map((p) => p.sourceRefs),
          )
        : await ingestEvents(
            store,
            ready.map((p) => p.item),
            nowIso,
          );
    summary.accepted += result.accepted;
    summary.duplicates += 'duplicates' in result ? (result.duplicates ?? 0) : 0;
    for (const r of result.rejected)
      failures.push({ row: ready[r.index]?.row ?? 0, problems: [{ message: r.detail }] });
    for (const f of failures.sort((a, b) => a.row - b.row)) report(f.row, f.problems);
    pending = [];
    held = [];
  };

  try {
    for await (const outcome of file.rows()) {
      summary.rows++;
      if (!zonelessNoted && !options.timeZone && file.readZonelessDates()) {
        zonelessNoted = true;
        log.write('dates without a time zone are read as UTC; give --timezone Area/City if they are local times\n');
      }
      if (outcome.kind === 'skip') summary.skipped[outcome.reason] = (summary.skipped[outcome.reason] ?? 0) + 1;
      else if (outcome.kind === 'bad') held.push({ row: outcome.row, problems: outcome.problems });
      else pending.push(outcome);
      if (pending.length + held.length >= IMPORT_BATCH) await flush();
      progress.tick(summary.rows, file.bytesRead());
    }
  } catch (error) {
    await flush();
    progress.end();
    if (!(error instanceof UnreadableCsv)) throw error;
    throw new ImportError(
      `${input.name} is not readable CSV (${error.message}); ${summary.accepted} rows before it were imported`,
    );
  } finally {
    file.close();
  }
  await flush();
  progress.end();
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

const n = (x: number) => x.toLocaleString('en-US');

/**
 * `Imported 9,998 of 10,000 leads from leads.csv in 1.2 s; 2 rejected (listed above by row).`
 * `listed`: where the problems are, as the reader sees them.
 */
export function summaryLine(s: ImportSummary, file: string, listed = 'listed above by row'): string {
  const dup = s.kind === 'events' && s.duplicates > 0 ? `, ${n(s.duplicates)} already stored` : '';
  const skippedTotal = Object.values(s.skipped).reduce((a, b) => a + b, 0);
  const skipped =
    skippedTotal > 0
      ? `; ${n(skippedTotal)} skipped, not engagement (${Object.entries(s.skipped)
          .sort((a, b) => b[1] - a[1])
          .map(([reason, count]) => `${reason}: ${n(count)}`)
          .join(', ')})`
      : '';
  const bad = s.rejected > 0 ? `; ${n(s.rejected)} rejected (${listed})` : '';
  return `Imported ${n(s.accepted)} of ${n(s.rows)} ${s.kind} from ${file} in ${s.seconds.toFixed(1)} s${dup}${skipped}${bad}.`;
}

export type { Field };
