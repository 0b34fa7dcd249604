import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { ImportError, type ImportKind, normaliseName } from './columns.ts';
import { type Delimiter, sniffDelimiter } from './delimiter.ts';
import { decoder, sniffEncoding, type TextEncoding } from './encoding.ts';
import { isFooterRest, startsReportFooter } from './footer.ts';
import { type ColumnMap, type HeaderReading, readHeader } from './header.ts';
import type { ImportInput } from './input.ts';
import type { Preset } from './presets/index.ts';
import { type BuiltRow, buildEvent, buildLead, type Cell, cellsOf, problemAt, type RowContext } from './rows.ts';
import type { StageMap } from './stages.ts';

/** How a file is read: the CLI's `--map`, `--stage-map`, `--timezone` and `--preset`. */
export interface ReadOptions {
  /** Column name (normalised) → field, or null to leave the column out. */
  map?: ColumnMap;
  /** Stage value (normalised) → stage, or null to keep the stored stage. */
  stageMap?: StageMap;
  /** The IANA zone of dates written without one (UTC when not given). */
  timeZone?: string;
  /** Read the file as this layout instead of detecting it. */
  preset?: Preset;
}

/** One data row and what it stands for, by spreadsheet row (the header is row 1). */
export type RowOutcome = { row: number } & BuiltRow;

export interface OpenedFile {
  encoding: TextEncoding;
  delimiter: Delimiter;
  header: HeaderReading;
  /** The data rows, in order; only when the header has no problems. A CSV syntax error throws. */
  rows(): AsyncGenerator<RowOutcome>;
  /** Bytes of the file read so far (for progress). */
  bytesRead(): number;
  /** Whether a date without a time zone has been read so far. */
  readZonelessDates(): boolean;
  close(): void;
}

/** A CSV syntax error, with what the parser said (and no cell content). */
export class UnreadableCsv extends Error {}

/**
 * Opens a CSV file as the import reads it, for the import and its preview alike: the encoding and
 * delimiter sniffed, the header row matched to fields, then each row built into an item (or why
 * not): a row's cell count, a Salesforce report footer and an address repeated in a leads file are
 * checked here. Throws ImportError for a file that cannot be read at all.
 */
export async function openFile(input: ImportInput, kind: ImportKind, options: ReadOptions): Promise<OpenedFile> {
  const { encoding, head } = await sniffEncoding(input);
  const delimiter = sniffDelimiter(head);
  const stream: Readable = input.open();
  let bytes = 0;
  stream.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  const parser = stream
    .pipe(decoder(encoding))
    .pipe(parse({ delimiter, relax_column_count: true, skip_empty_lines: false }));
  const records = (parser as AsyncIterable<string[]>)[Symbol.asyncIterator]();
  const next = async () => {
    try {
      return await records.next();
    } catch (error) {
      throw new UnreadableCsv(error instanceof Error ? error.message : String(error));
    }
  };
  const close = () => stream.destroy();

  let header: HeaderReading | null = null;
  try {
    for (let read = await next(); !read.done; read = await next()) {
      if (read.value.every((c) => c.trim() === '')) continue;
      header = readHeader(kind, read.value, options.map ?? new Map(), options.preset);
      break;
    }
  } catch (error) {
    close();
    if (error instanceof UnreadableCsv) throw new ImportError(`${input.name} is not readable CSV (${error.message})`);
    throw error;
  }
  if (!header) {
    close();
    throw new ImportError(`${input.name} is empty; the first row must name the columns`);
  }
  const plan = header;
  let zoneless = false;
  const ctx: RowContext = {
    preset: plan.preset,
    normalNames: plan.names.map(normaliseName),
    stageMap: options.stageMap ?? new Map(),
    timeZone: options.timeZone ?? 'UTC',
    onZoneless: () => {
      zoneless = true;
    },
  };
  const rowsByEmail = new Map<string, number>();

  /** A second row for an address already in this file is refused, naming both rows. */
  function repeatOf(email: unknown, at: number, cell: Cell | undefined) {
    if (typeof email !== 'string') return undefined;
    const key = email.trim().toLowerCase();
    const first = rowsByEmail.get(key);
    if (first === undefined) {
      rowsByEmail.set(key, at);
      return undefined;
    }
    return problemAt(cell, `${key} is also in row ${first}; row ${first} was imported, this row was not`);
  }

  async function* rows(): AsyncGenerator<RowOutcome> {
    if (plan.problems.length > 0) return;
    // The header was row 1 whatever blank lines came before it.
    let row = 1;
    let footer = false;
    for (let read = await next(); !read.done; read = await next()) {
      const record = read.value;
      row++;
      if (record.every((c) => c.trim() === '')) continue;
      if (footer || (record.length < plan.names.length && startsReportFooter(record))) {
        if (footer && !isFooterRest(record)) {
          yield {
            row,
            kind: 'bad',
            problems: [{ message: 'comes after the report footer ("Grand Totals …"); remove the footer lines' }],
          };
        }
        footer = true;
        continue;
      }
      if (record.length !== plan.names.length) {
        const message = `has ${record.length} cells but the header names ${plan.names.length} columns`;
        yield { row, kind: 'bad', problems: [{ message }] };
        continue;
      }
      const cells = cellsOf(record, plan.names, plan.fields, plan.preset?.nullLiteral === true);
      const built = kind === 'leads' ? buildLead(cells, ctx) : buildEvent(cells, ctx);
      const repeated = built.kind === 'item' && kind === 'leads' ? repeatOf(built.item.email, row, cells.email) : null;
      yield repeated ? { row, kind: 'bad', problems: [repeated] } : { row, ...built };
    }
  }

  return {
    encoding,
    delimiter,
    header: plan,
    rows,
    bytesRead: () => bytes,
    readZonelessDates: () => zoneless,
    close,
  };
}
