import { createReadStream, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import type { Store } from '../store/index.ts';
import { checkHeader, eventItem, ImportError, type ImportKind, leadItem } from './columns.ts';
import { ingestEvents, ingestLeads } from './ingest.ts';
import { createImportProgress, type ProgressSink } from './progress.ts';

/** The HTTP batch limit: each batch is one transaction, as one `POST` would be. */
export const IMPORT_BATCH = 5000;
/** Failures printed one per line; beyond this only counted. */
const MAX_LISTED = 100;

export interface ImportSummary {
  kind: ImportKind;
  rows: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  seconds: number;
}

export interface ImportOptions {
  /** Where rejected rows (`line N: …`) and progress go; stderr in the CLI. */
  log: ProgressSink;
  now?: () => Date;
  progressIntervalMs?: number;
}

/** A row waiting for its batch: an item to ingest, or a rejection already known (reported in line order). */
type Pending = { line: number; item: unknown } | { line: number; detail: string };

/**
 * Streams a CSV file into the store in batches of 5,000 through the HTTP ingest's validation and
 * writes. Good rows are kept; bad ones are reported by line number. Throws ImportError for a file
 * that cannot be imported at all (missing, bad header, broken quoting).
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
  const now = options.now ?? (() => new Date());
  const toItem = kind === 'leads' ? leadItem : eventItem;
  const ingest = kind === 'leads' ? ingestLeads : ingestEvents;
  const progress = createImportProgress(options.log, `importing ${kind}`, size, options.progressIntervalMs);
  const started = performance.now();
  const summary: ImportSummary = { kind, rows: 0, accepted: 0, rejected: 0, duplicates: 0, seconds: 0 };
  let bytes = 0;
  let listed = 0;
  const reject = (line: number, detail: string) => {
    summary.rejected++;
    if (listed++ < MAX_LISTED) options.log.write(`line ${line}: ${detail}\n`);
  };
  let pending: Pending[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const rows = pending.flatMap((p) => ('item' in p ? [p] : []));
    const result = await ingest(
      store,
      rows.map((p) => p.item),
      now().toISOString(),
    );
    summary.accepted += result.accepted;
    summary.duplicates += result.duplicates ?? 0;
    const failures = pending.flatMap((p) => ('detail' in p ? [p] : []));
    for (const r of result.rejected) failures.push({ line: rows[r.index]?.line ?? 0, detail: r.detail });
    for (const f of failures.sort((a, b) => a.line - b.line)) reject(f.line, f.detail);
    pending = [];
  };

  const input = createReadStream(file);
  input.on('data', (chunk) => {
    bytes += chunk.length;
  });
  const parser = input.pipe(parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: true }));
  let header: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = checkHeader(kind, record);
        continue;
      }
      summary.rows++;
      if (record.length !== header.length) {
        pending.push({
          line: info.lines,
          detail: `has ${record.length} cells but the header names ${header.length} columns`,
        });
      } else {
        const row: Record<string, string> = {};
        header.forEach((name, i) => {
          row[name] = record[i] ?? '';
        });
        pending.push({ line: info.lines, item: toItem(row) });
      }
      if (pending.length >= IMPORT_BATCH) await flush();
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
  if (!header) throw new ImportError(`${file} is empty; the first row must name the columns`);
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** `Imported 9,998 of 10,000 leads from leads.csv in 1.2 s; 2 rejected (listed above).` */
export function summaryLine(s: ImportSummary, file: string): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const dup = s.kind === 'events' && s.duplicates > 0 ? `, ${n(s.duplicates)} already stored` : '';
  const bad = s.rejected > 0 ? `; ${n(s.rejected)} rejected (listed above by line)` : '';
  return `Imported ${n(s.accepted)} of ${n(s.rows)} ${s.kind} from ${file} in ${s.seconds.toFixed(1)} s${dup}${bad}.`;
}
