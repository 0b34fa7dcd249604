import {
  IMPORT_SAMPLE_ROWS,
  type ImportKind,
  type ImportPreview,
  MAX_LISTED_PROBLEMS,
} from '../../lib/contract/imports.ts';
import { EngagementEventInput, LeadInput } from '../../lib/contract/index.ts';
import type { Stores } from '../store/index.ts';
import { ImportError } from './columns.ts';
import { crmConflicts } from './crm-conflicts.ts';
import type { ImportInput } from './input.ts';
import { joined, joinMarketoLeads } from './marketo-join.ts';
import { openFile, type ReadOptions, type RowOutcome, UnreadableCsv } from './read.ts';
import type { RowProblem } from './rows.ts';
import { IMPORT_BATCH } from './run.ts';

type Item = Extract<RowOutcome, { kind: 'item' }>;

/**
 * Reads a file exactly as the import would and says what the import would do, writing nothing:
 * the tool and layout recognised, each column's field, the first rows as they would be stored, and
 * every problem by row and column. Marketo activities are joined to stored leads (a read), so a
 * lead id no stored lead has is listed here too, and so is a CRM id another lead already holds.
 * Throws ImportError for a file that cannot be read at all.
 */
export async function previewImport(
  store: Stores,
  kind: ImportKind,
  input: ImportInput,
  options: ReadOptions,
): Promise<ImportPreview> {
  const file = await openFile(input, kind, options);
  const { header } = file;
  const preview: ImportPreview = {
    kind,
    preset: header.preset ? { name: header.preset.name, label: header.preset.label } : null,
    encoding: file.encoding,
    delimiter: file.delimiter,
    columns: header.names.map((name, i) => ({ name, field: header.fields[i] ?? null })),
    headerProblems: [...header.problems],
    sample: [],
    importable: 0,
    zonelessDates: false,
    rows: 0,
    rejected: 0,
    skipped: {},
    problems: [],
    problemCount: 0,
  };
  const schema = kind === 'leads' ? LeadInput : EngagementEventInput;
  let pending: Item[] = [];
  let held: { row: number; problems: RowProblem[] }[] = [];
  const owners = new Map<string, string>();
  const flush = async () => {
    const failures = [...held, ...(await joinMarketoLeads(store, pending))];
    let ready = pending.filter(joined);
    if (kind === 'leads') {
      const conflicts = await crmConflicts(store, ready, owners);
      failures.push(...conflicts);
      const refused = new Set(conflicts.map((c) => c.row));
      ready = ready.filter((p) => !refused.has(p.row));
    }
    for (const p of ready) {
      preview.importable++;
      if (preview.sample.length < IMPORT_SAMPLE_ROWS) preview.sample.push({ row: p.row, item: schema.parse(p.item) });
    }
    for (const f of failures.sort((a, b) => a.row - b.row)) {
      preview.rejected++;
      for (const p of f.problems)
        if (preview.problemCount++ < MAX_LISTED_PROBLEMS) preview.problems.push({ row: f.row, ...p });
    }
    pending = [];
    held = [];
  };
  try {
    for await (const outcome of file.rows()) {
      preview.rows++;
      if (outcome.kind === 'skip') preview.skipped[outcome.reason] = (preview.skipped[outcome.reason] ?? 0) + 1;
      else if (outcome.kind === 'bad') held.push({ row: outcome.row, problems: outcome.problems });
      else pending.push(outcome);
      if (pending.length + held.length >= IMPORT_BATCH) await flush();
    }
  } catch (error) {
    if (error instanceof UnreadableCsv) throw new ImportError(`${input.name} is not readable CSV (${error.message})`);
    throw error;
  } finally {
    file.close();
  }
  await flush();
  preview.zonelessDates = file.readZonelessDates();
  return preview;
}
