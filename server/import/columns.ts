/** CSV columns per kind, in the documented order (docs/csv-import.md). `required` columns must be in the header. */
export const COLUMNS = {
  leads: {
    all: [
      'email',
      'name',
      'company',
      'title',
      'lifecycle_stage',
      'industry',
      'persona',
      'region',
      'campaigns',
      'salesforce_id',
      'salesforce_type',
      'hubspot_id',
    ],
    required: ['email'],
  },
  events: {
    all: [
      'id',
      'email',
      'type',
      'occurred_at',
      'content_id',
      'content_title',
      'content_url',
      'content_topic',
      'campaign',
    ],
    required: ['id', 'email', 'type', 'occurred_at'],
  },
} as const;

export type ImportKind = keyof typeof COLUMNS;

export class ImportError extends Error {}

const quote = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

/** Checks the header row; returns the column names as given (trimmed, lower-cased). */
export function checkHeader(kind: ImportKind, header: readonly string[]): string[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const known: readonly string[] = COLUMNS[kind].all;
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new ImportError(
      `unknown column${unknown.length > 1 ? 's' : ''} ${quote(unknown)} in the header row; ` +
        `${kind} files may have ${known.join(', ')}`,
    );
  }
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length > 0)
    throw new ImportError(`column ${quote([...new Set(repeated)])} appears twice in the header row`);
  const missing = COLUMNS[kind].required.filter((n) => !names.includes(n));
  if (missing.length > 0) {
    throw new ImportError(
      `the header row lacks ${quote(missing)}; the first row must name the columns, and ${kind} files need ${COLUMNS[kind].required.join(', ')}`,
    );
  }
  return names;
}

type Cells = Readonly<Record<string, string>>;

/** An empty cell means "not given" (a lead keeps its stored value). */
const cell = (row: Cells, name: string): string | undefined => {
  const v = row[name]?.trim();
  return v ? v : undefined;
};

function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A leads row as the `POST /v1/leads` item it stands for. */
export function leadItem(row: Cells): Record<string, unknown> {
  const segments = compact({
    industry: cell(row, 'industry'),
    persona: cell(row, 'persona'),
    region: cell(row, 'region'),
  });
  const crmRefs: { system: string; objectType: string; id: string }[] = [];
  const sf = cell(row, 'salesforce_id');
  if (sf) crmRefs.push({ system: 'salesforce', objectType: cell(row, 'salesforce_type') ?? 'Lead', id: sf });
  const hs = cell(row, 'hubspot_id');
  if (hs) crmRefs.push({ system: 'hubspot', objectType: 'contact', id: hs });
  const campaigns = cell(row, 'campaigns')
    ?.split(';')
    .map((k) => k.trim())
    .filter(Boolean);
  return compact({
    email: row.email ?? '',
    name: cell(row, 'name'),
    company: cell(row, 'company'),
    title: cell(row, 'title'),
    lifecycleStage: cell(row, 'lifecycle_stage')?.toLowerCase(),
    segments: Object.keys(segments).length ? segments : undefined,
    crmRefs: crmRefs.length ? crmRefs : undefined,
    campaigns,
  });
}

/** An events row as the `POST /v1/engagement/events` item it stands for. */
export function eventItem(row: Cells): Record<string, unknown> {
  const content = compact({
    id: cell(row, 'content_id'),
    title: cell(row, 'content_title'),
    url: cell(row, 'content_url'),
    topic: cell(row, 'content_topic'),
  });
  return compact({
    id: row.id?.trim() ?? '',
    email: row.email ?? '',
    type: cell(row, 'type'),
    occurredAt: cell(row, 'occurred_at'),
    content: Object.keys(content).length ? content : undefined,
    campaign: cell(row, 'campaign'),
  });
}
