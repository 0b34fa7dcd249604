import type { EngagementEventInput } from '../../lib/contract/events.ts';
import type { ImportKind, ImportPreview, ImportQuery } from '../../lib/contract/imports.ts';
import type { LeadInput } from '../../lib/contract/leads.ts';

/** What the marketer chose besides the file: the CLI import's options, as the console's form holds them. */
export interface ImportChoices {
  kind: ImportKind;
  /** Column (as the file names it) → field, or '' to leave it out: the columns whose mapping was changed. */
  columns: Readonly<Record<string, string>>;
  /** An IANA zone, or '' for UTC. */
  timezone: string;
  /** `Value=stage` lines, as `--stage-map` takes them. */
  stageMap: string;
}

/** The query both import routes take for `choices` and a file called `filename`. */
export function importQuery(choices: ImportChoices, filename: string): ImportQuery {
  const map = Object.entries(choices.columns).map(([column, field]) => `${column}=${field}`);
  const stageMap = choices.stageMap
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return {
    kind: choices.kind,
    ...(map.length ? { map } : {}),
    ...(stageMap.length ? { stageMap } : {}),
    ...(choices.timezone.trim() ? { timezone: choices.timezone.trim() } : {}),
    filename,
  };
}

const DELIMITERS: Record<ImportPreview['delimiter'], string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/** `HubSpot contacts export, UTF-8, comma-separated` */
export function describeFile(preview: ImportPreview): string {
  const layout = preview.preset?.label ?? 'Our own columns (no tool recognised from the header row)';
  const encoding = preview.encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252, converted';
  return `${layout}; ${encoding}; ${DELIMITERS[preview.delimiter]}-separated`;
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** `3 rows: 2 to import, 1 with problems, 1 skipped (not engagement).` */
export function previewCounts(preview: ImportPreview): string {
  const skipped = Object.values(preview.skipped).reduce((a, b) => a + b, 0);
  return (
    `${count(preview.rows, 'row')}: ${preview.importable.toLocaleString()} to import` +
    (preview.rejected ? `, ${preview.rejected.toLocaleString()} with problems` : '') +
    (skipped ? `, ${skipped.toLocaleString()} skipped (not engagement)` : '') +
    '.'
  );
}

/** The cells a sample row shows, by column heading, for the kind of file. */
export const SAMPLE_HEADINGS: Record<ImportKind, readonly string[]> = {
  leads: ['Email', 'Name', 'Company', 'Title', 'Stage', 'Segments', 'CRM ids', 'Campaigns'],
  events: ['Event id', 'Email', 'Type', 'When', 'Content', 'Campaign'],
};

export function sampleCells(kind: ImportKind, item: LeadInput | EngagementEventInput): string[] {
  if (kind === 'leads') {
    const lead = item as LeadInput;
    const segments = Object.values(lead.segments ?? {}).filter(Boolean);
    return [
      lead.email,
      lead.name ?? '',
      lead.company ?? '',
      lead.title ?? '',
      lead.lifecycleStage ?? '',
      segments.join(', '),
      (lead.crmRefs ?? []).map((ref) => `${ref.system} ${ref.id}`).join(', '),
      (lead.campaigns ?? []).join(', '),
    ];
  }
  const event = item as EngagementEventInput;
  return [
    event.id,
    event.email,
    event.type,
    event.occurredAt,
    event.content?.title ?? event.content?.id ?? '',
    event.campaign ?? '',
  ];
}
