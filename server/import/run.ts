import { createReadStream, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import type { Store } from '../store/index.ts';
import type { SourceRef } from '../store/leads.ts';
import { type Field, ImportError, type ImportKind, normaliseName } from './columns.ts';
import { sniffDelimiter } from './delimiter.ts';
import { decoder, sniffEncoding } from './encoding.ts';
import { isFooterRest, startsReportFooter } from './footer.ts';
import { type ColumnMap, planColumns } from './header.ts';
import { ingestEvents, ingestLeads } from './ingest.ts';
import type { Preset } from './presets/index.ts';
import { createImportProgress, type ProgressSink } from './progress.ts';
import { type BuiltRow, buildEvent, buildLead, type Cell, cellsOf, problemAt, type RowContext } from './rows.ts';
import type { StageMap } from './stages.ts';

/** The HTTP batch limit: each batch is one transaction, as one `POST` would be. */
export const IMPORT_BATCH = 5000;
/** Problem lines printed; beyond this only counted. */
const MAX_LISTED = 100;

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
}

export interface ImportOptions {
  /** Where problems (`row N, column "X": …`), notes and progress go; stderr in the CLI. */
  log: ProgressSink;
  now?: () => Date;
  progressIntervalMs?: number;
  /** `--map`: column name (normalised) → field, or null to leave the column out. */
  map?: ColumnMap;
  /** `--stage-map`: stage value (normalised) → stage, or null to keep the stored stage. */
  stageMap?: StageMap;
  /** `--timezone`: the IANA zone of dates written without one (UTC when not given). */
  timeZone?: string;
  /** `--preset`: read the file as this layout instead of detecting it. */
  preset?: Preset;
}

type Pending = { row: number; item: Record<string, unknown>; sourceRefs: SourceRef[]; marketoLeadId?: Cell };

/**
 * Streams a CSV file into the store in batches of 5,000 through the HTTP ingest's validation and
 * writes. Good rows are kept; every problem of a bad row is reported by spreadsheet row (the header
 * is row 1) and column. Throws ImportError for a file that cannot be imported at all.
 */
export async function importCsv(
  store: Store,
  kind: ImportKind,
  file: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new ImportError(`cannot read ${file}: no such file`);
  }
  const { encoding, head } = await sniffEncoding(file);
  const delimiter = sniffDelimiter(head);
  const now = options.now ?? (() => new Date());
  const log = options.log;
  const progress = createImportProgress(log, `importing ${kind}`, size, options.progressIntervalMs);
  const started = performance.now();
  const summary: ImportSummary = {
    kind,
    rows: 0,
    accepted: 0,
    rejected: 0,
    duplicates: 0,
    skipped: {},
    seconds: 0,
    preset: undefined,
  };
  let listed = 0;
  const report = (row: number, problems: readonly string[]) => {
    summary.rejected++;
    for (const p of problems) if (listed++ < MAX_LISTED) log.write(`row ${row}, ${p}\n`);
  };
  const rowsByEmail = new Map<string, number>();
  let zonelessNoted = false;
  let pending: Pending[] = [];
  /** Problems of rows not yet written, reported with the batch so lines stay in row order. */
  let held: { row: number; problems: string[] }[] = [];

  const flush = async () => {
    if (pending.length === 0 && held.length === 0) return;
    const failures = held;
    const toJoin = pending.filter((p) => p.marketoLeadId);
    if (toJoin.length > 0) {
      const ids = [...new Set(toJoin.map((p) => p.marketoLeadId?.value ?? ''))];
      const emails = await store.leads.emailsBySourceId('marketo', ids);
      for (const p of toJoin) {
        const email = emails.get(p.marketoLeadId?.value ?? '');
        if (email) p.item.email = email;
        else {
          failures.push({
            row: p.row,
            problems: [
              problemAt(
                p.marketoLeadId,
                'no stored lead has this Marketo lead id; import the Marketo lead extract first',
              ),
            ],
          });
        }
      }
    }
    const ready = pending.filter((p) => !p.marketoLeadId || p.item.email !== '');
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
    for (const r of result.rejected) failures.push({ row: ready[r.index]?.row ?? 0, problems: [r.detail] });
    for (const f of failures.sort((a, b) => a.row - b.row)) report(f.row, f.problems);
    pending = [];
    held = [];
  };

  const input = createReadStream(file);
  let bytes = 0;
  input.on('data', (chunk) => {
    bytes += chunk.length;
  });
  const parser = input
    .pipe(decoder(encoding))
    .pipe(parse({ delimiter, relax_column_count: true, skip_empty_lines: false }));
  let plan: ReturnType<typeof planColumns> | null = null;
  let ctx: RowContext | null = null;
  let row = 0;
  let footer = false;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      const blank = record.every((c) => c.trim() === '');
      if (!plan) {
        if (blank) continue;
        plan = planColumns(kind, record, options.map ?? new Map(), options.preset);
        summary.preset = plan.preset?.name;
        const notes = [
          encoding === 'windows-1252' ? 'read as Windows-1252 (the file is not UTF-8)' : '',
          plan.preset ? `read as a ${plan.preset.label}` : '',
          plan.ignored.length > 0 ? `not imported: ${plan.ignored.map((n) => `"${n}"`).join(', ')}` : '',
        ].filter(Boolean);
        if (notes.length > 0) log.write(`${notes.join('; ')}\n`);
        ctx = {
          preset: plan.preset,
          normalNames: plan.names.map(normaliseName),
          stageMap: options.stageMap ?? new Map(),
          timeZone: options.timeZone ?? 'UTC',
          onZoneless: () => {
            if (zonelessNoted || options.timeZone) return;
            zonelessNoted = true;
            log.write('dates without a time zone are read as UTC; give --timezone Area/City if they are local times\n');
          },
        };
        row = 1;
        continue;
      }
      if (blank) continue;
      if (footer || (record.length < plan.names.length && startsReportFooter(record))) {
        if (footer && !isFooterRest(record)) {
          held.push({ row, problems: ['comes after the report footer ("Grand Totals …"); remove the footer lines'] });
          summary.rows++;
        }
        footer = true;
        continue;
      }
      summary.rows++;
      if (record.length !== plan.names.length) {
        held.push({ row, problems: [`has ${record.length} cells but the header names ${plan.names.length} columns`] });
      } else {
        const cells = cellsOf(record, plan.names, plan.fields, plan.preset?.nullLiteral === true);
        const built: BuiltRow =
          kind === 'leads' ? buildLead(cells, ctx as RowContext) : buildEvent(cells, ctx as RowContext);
        if (built.kind === 'skip') {
          summary.skipped[built.reason] = (summary.skipped[built.reason] ?? 0) + 1;
        } else if (built.kind === 'bad') {
          held.push({ row, problems: built.problems });
        } else {
          const repeated = kind === 'leads' ? repeatOf(built.item.email, row, cells.email) : undefined;
          if (repeated) held.push({ row, problems: [repeated] });
          else
            pending.push({ row, item: built.item, sourceRefs: built.sourceRefs, marketoLeadId: built.marketoLeadId });
        }
      }
      if (pending.length + held.length >= IMPORT_BATCH) await flush();
      progress.tick(summary.rows, bytes);
    }
  } catch (error) {
    await flush();
    progress.end();
    if (error instanceof ImportError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ImportError(`${file} is not readable CSV (${message}); ${summary.accepted} rows before it were imported`);
  } finally {
    input.destroy();
  }
  await flush();
  progress.end();
  if (!plan) throw new ImportError(`${file} is empty; the first row must name the columns`);
  summary.seconds = (performance.now() - started) / 1000;
  return summary;

  /** A second row for an address already in this file is refused, naming both rows. */
  function repeatOf(email: unknown, at: number, cell: Cell | undefined): string | undefined {
    if (typeof email !== 'string') return undefined;
    const key = email.trim().toLowerCase();
    const first = rowsByEmail.get(key);
    if (first === undefined) {
      rowsByEmail.set(key, at);
      return undefined;
    }
    return problemAt(cell, `${key} is also in row ${first}; row ${first} was imported, this row was not`);
  }
}

const n = (x: number) => x.toLocaleString('en-US');

/** `Imported 9,998 of 10,000 leads from leads.csv in 1.2 s; 2 rejected (listed above by row).` */
export function summaryLine(s: ImportSummary, file: string): string {
  const dup = s.kind === 'events' && s.duplicates > 0 ? `, ${n(s.duplicates)} already stored` : '';
  const skippedTotal = Object.values(s.skipped).reduce((a, b) => a + b, 0);
  const skipped =
    skippedTotal > 0
      ? `; ${n(skippedTotal)} skipped, not engagement (${Object.entries(s.skipped)
          .sort((a, b) => b[1] - a[1])
          .map(([reason, count]) => `${reason}: ${n(count)}`)
          .join(', ')})`
      : '';
  const bad = s.rejected > 0 ? `; ${n(s.rejected)} rejected (listed above by row)` : '';
  return `Imported ${n(s.accepted)} of ${n(s.rows)} ${s.kind} from ${file} in ${s.seconds.toFixed(1)} s${dup}${skipped}${bad}.`;
}

export type { Field };
