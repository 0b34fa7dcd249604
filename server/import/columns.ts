/**
 * The fields an import fills, per kind; a file's columns are matched to them by name (the generic
 * layout, docs/csv-import.md), by a preset (presets/) or by an alias (aliases.ts), and `--map`.
 */
export const COLUMNS = {
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

export type ImportKind = keyof typeof COLUMNS;
export type LeadField = (typeof COLUMNS.leads.all)[number];
export type EventField = (typeof COLUMNS.events.all)[number];
export type Field = LeadField | EventField;

/** A file that cannot be imported at all (missing, unreadable, a header we cannot map). */
export class ImportError extends Error {}

export function isField(kind: ImportKind, name: string): name is Field {
  return (COLUMNS[kind].all as readonly string[]).includes(name);
}

/** How column names are compared: case, spaces and punctuation ignored (`Job Title` = `jobtitle` = `JOB_TITLE`). */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}
