import { z } from 'zod';
import { EngagementEventInput } from './events.ts';
import { LeadInput } from './leads.ts';

/**
 * The fields a CSV import fills, per kind; a file's columns are matched to them by name
 * (docs/csv-import.md), by a tool's preset or an alias (docs/import.md), or by `--map`.
 */
export const IMPORT_COLUMNS = {
  leads: {
    all: [
      'email',
      'name',
      'first_name',
      'last_name',
      'company',
      'title',
      'lifecycle_stage',
      'lifecycle_stage_changed_at',
      'industry',
      'persona',
      'region',
      'campaigns',
      'salesforce_id',
      'salesforce_type',
      'hubspot_id',
      'marketo_id',
    ],
    /** Every entry must be present; `a|b` is met by either. */
    required: ['email'],
  },
  events: {
    all: [
      'id',
      'email',
      'marketo_lead_id',
      'type',
      'occurred_at',
      'content_id',
      'content_title',
      'content_url',
      'content_topic',
      'campaign',
    ],
    required: ['id', 'email|marketo_lead_id', 'type', 'occurred_at'],
  },
} as const;

export const ImportKind = z.enum(['leads', 'events']);
export type ImportKind = z.infer<typeof ImportKind>;
export type ImportField = (typeof IMPORT_COLUMNS)[ImportKind]['all'][number];

/** The largest file the console imports in one request; larger files go through the CLI import. */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;
/** Problems listed in a preview or an import answer; beyond this they are only counted. */
export const MAX_LISTED_PROBLEMS = 100;
/** Rows shown as they would be stored in a preview. */
export const IMPORT_SAMPLE_ROWS = 10;

const Option = z.string().min(1).max(500);

/**
 * The CLI's options, as query parameters of the console's import: `map` and `stageMap` repeat, each
 * `NAME=VALUE` as after `--map` and `--stage-map`; `filename` only names the file in the summary.
 */
export const ImportQuery = z.strictObject({
  kind: ImportKind,
  map: z.array(Option).max(200).optional(),
  stageMap: z.array(Option).max(200).optional(),
  timezone: z.string().min(1).max(100).optional(),
  preset: z.string().min(1).max(100).optional(),
  filename: z.string().min(1).max(255).optional(),
});
export type ImportQuery = z.infer<typeof ImportQuery>;

/** One problem of one row: the spreadsheet row (the header is row 1), the column as the file names it, the value. */
export const ImportProblem = z.object({
  row: z.number().int(),
  column: z.string().optional(),
  value: z.string().optional(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

const Problems = {
  /** The first MAX_LISTED_PROBLEMS, in row order. */
  problems: z.array(ImportProblem),
  /** Every problem, listed or not. */
  problemCount: z.number().int(),
  /** Rows with at least one problem: not imported. */
  rejected: z.number().int(),
  /** Rows that are not engagement (a HubSpot DELIVERED, a Marketo Send Email), by type value. */
  skipped: z.record(z.string(), z.number().int()),
  /** Data rows read (the header, blank lines and a report footer not counted). */
  rows: z.number().int(),
};

/** What `POST /v1/imports/preview` read from a file, without writing anything. */
export const ImportPreview = z.object({
  kind: ImportKind,
  /** The tool whose export the header row says this is, when one does. */
  preset: z.object({ name: z.string(), label: z.string() }).nullable(),
  encoding: z.enum(['utf-8', 'windows-1252']),
  delimiter: z.enum([',', ';', '\t']),
  /** Each column of the header row, as the file names it, and the field it fills (null: not imported). */
  columns: z.array(z.object({ name: z.string(), field: z.string().nullable() })),
  /** Why the file cannot be imported as mapped (an unknown column, a missing email column); empty when it can. */
  headerProblems: z.array(z.string()),
  /** The first rows as they would be stored, by spreadsheet row. */
  sample: z.array(z.object({ row: z.number().int(), item: z.union([LeadInput, EngagementEventInput]) })),
  /** Rows that would be written. */
  importable: z.number().int(),
  /** Some dates carry no time zone: they are read in `timezone`, UTC when none was given. */
  zonelessDates: z.boolean(),
  ...Problems,
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** What `POST /v1/imports` wrote: the CLI import's summary. */
export const ImportResult = z.object({
  kind: ImportKind,
  preset: z.string().nullable(),
  accepted: z.number().int(),
  /** Events whose id was already stored (kept once, not doubled). */
  duplicates: z.number().int(),
  /** The CLI's summary line: `Imported 3 of 4 leads from leads.csv in 0.1 s; 1 rejected (…).` */
  summary: z.string(),
  ...Problems,
});
export type ImportResult = z.infer<typeof ImportResult>;
