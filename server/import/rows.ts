import type { z } from 'zod';
import { EngagementEventInput, EventType, LeadInput } from '../../lib/contract/index.ts';
import { safeParseWithinCaps } from '../array-caps.ts';
import { describeIssues } from '../problem.ts';
import type { SourceRef } from '../store/leads.ts';
import type { Field } from './columns.ts';
import { isZoneless, parseDate } from './dates.ts';
import { readEventType } from './event-types.ts';
import type { Preset } from './presets/index.ts';
import { readStage, type StageMap } from './stages.ts';

/** A non-empty cell and the column it came from, as the file names it. */
export interface Cell {
  column: string;
  value: string;
}
export type Cells = Partial<Record<Field, Cell>>;

export interface RowContext {
  preset: Preset | undefined;
  /** The file's column names, normalised (for the preset's Salesforce object type). */
  normalNames: readonly string[];
  stageMap: StageMap;
  timeZone: string;
  /** Called once per zone-less date read (so the import can say which zone it used). */
  onZoneless?: () => void;
}

/** One problem of a row: the column it is in and the value there, when it is in one. */
export interface RowProblem {
  column?: string;
  /** The cell's value, cut at 80 characters. */
  value?: string;
  message: string;
}

/** What one row stands for: an item to ingest, a row to skip (and why), or its problems. */
export type BuiltRow =
  | { kind: 'item'; item: Record<string, unknown>; sourceRefs: SourceRef[]; marketoLeadId?: Cell }
  | { kind: 'skip'; reason: string }
  | { kind: 'bad'; problems: RowProblem[] };

export function problemAt(cell: Cell | undefined, message: string): RowProblem {
  if (!cell) return { message };
  const value = cell.value.length > 80 ? `${cell.value.slice(0, 80)}…` : cell.value;
  return { column: cell.column, value, message };
}

/** `row 3, column "Email": must be an email address like dana@acme.com (value "not-an-address")` */
export function problemLine(row: number, p: RowProblem): string {
  const where = p.column === undefined ? '' : `column "${p.column}": `;
  const value = p.value === undefined ? '' : ` (value "${p.value}")`;
  return `row ${row}, ${where}${p.message}${value}`;
}

/** Cells of a record by field; empty cells (and `null` where the preset says so) are left out. */
export function cellsOf(
  record: readonly string[],
  names: readonly string[],
  fields: readonly (Field | null)[],
  nullLiteral: boolean,
): Cells {
  const cells: Cells = {};
  fields.forEach((field, i) => {
    if (!field) return;
    const value = record[i]?.trim() ?? '';
    if (value === '' || (nullLiteral && value === 'null')) return;
    cells[field] = { column: names[i] ?? field, value };
  });
  return cells;
}

/**
 * The item's schema issues as problems naming the column each came from. `reported`: item fields
 * whose cell was already reported (an unknown type), so their "is required" is not said twice.
 */
function check<S extends z.ZodType>(
  schema: S,
  item: unknown,
  origins: ReadonlyMap<string, Cell>,
  reported: ReadonlySet<string> = new Set(),
): RowProblem[] {
  const parsed = safeParseWithinCaps(schema, item);
  if (parsed.success) return [];
  return describeIssues(parsed.error.issues).errors.flatMap(({ path, message }) => {
    if (reported.has(path)) return [];
    let key = path;
    while (key && !origins.has(key)) {
      const parent = key.replace(/(\.[^.[]*|\[\d+\])$/, '');
      key = parent === key ? '' : parent;
    }
    const said = /must match pattern/.test(message) ? 'may hold letters, digits, - and _ only' : message;
    const rest = path.slice(key.length).replace(/^\./, '');
    return [problemAt(origins.get(key), rest ? `${rest} ${said}` : said)];
  });
}

function readDate(cell: Cell, ctx: RowContext, problems: RowProblem[]): string | undefined {
  const instant = parseDate(cell.value, ctx.timeZone);
  if (instant === null) {
    problems.push(
      problemAt(
        cell,
        'is not a date we can read; use 2024-03-05T14:22:00Z, 2024-03-05 14:22, 3/5/2024 or epoch milliseconds',
      ),
    );
    return undefined;
  }
  if (isZoneless(cell.value)) ctx.onZoneless?.();
  return instant;
}

export function buildLead(cells: Cells, ctx: RowContext): BuiltRow {
  const problems: RowProblem[] = [];
  const origins = new Map<string, Cell>();
  const take = (path: string, cell: Cell | undefined) => {
    if (cell) origins.set(path, cell);
    return cell?.value;
  };
  const item: Record<string, unknown> = { email: take('email', cells.email) ?? '' };
  const first = cells.first_name?.value;
  const last = cells.last_name?.value;
  const name = take('name', cells.name) ?? ([first, last].filter(Boolean).join(' ') || undefined);
  if (name !== undefined) {
    item.name = name;
    if (!cells.name) origins.set('name', (cells.first_name ?? cells.last_name) as Cell);
  }
  for (const [path, field] of [
    ['company', 'company'],
    ['title', 'title'],
  ] as const) {
    const v = take(path, cells[field]);
    if (v !== undefined) item[path] = v;
  }
  if (cells.lifecycle_stage) {
    const reading = readStage(cells.lifecycle_stage.value, ctx.stageMap);
    if ('unknown' in reading) {
      problems.push(
        problemAt(
          cells.lifecycle_stage,
          `is not a stage we know; say which it is with --stage-map "${cells.lifecycle_stage.value}=mql" (subscriber, lead, mql, sql, opportunity, customer, or nothing after = to keep the stored stage)`,
        ),
      );
    } else if (reading.stage) {
      item.lifecycleStage = reading.stage;
      origins.set('lifecycleStage', cells.lifecycle_stage);
    }
  }
  if (cells.lifecycle_stage_changed_at) {
    const at = readDate(cells.lifecycle_stage_changed_at, ctx, problems);
    if (at) {
      item.lifecycleStageChangedAt = at;
      origins.set('lifecycleStageChangedAt', cells.lifecycle_stage_changed_at);
    }
  }
  const segments: Record<string, string> = {};
  for (const field of ['industry', 'persona', 'region'] as const) {
    const v = take(`segments.${field}`, cells[field]);
    if (v !== undefined) segments[field] = v;
  }
  if (Object.keys(segments).length > 0) item.segments = segments;
  const crmRefs: { system: string; objectType: string; id: string }[] = [];
  if (cells.salesforce_id) {
    const objectType = cells.salesforce_type?.value ?? ctx.preset?.salesforceType?.(ctx.normalNames) ?? 'Lead';
    origins.set(`crmRefs[${crmRefs.length}]`, cells.salesforce_id);
    crmRefs.push({ system: 'salesforce', objectType, id: cells.salesforce_id.value });
  }
  if (cells.hubspot_id) {
    origins.set(`crmRefs[${crmRefs.length}]`, cells.hubspot_id);
    crmRefs.push({ system: 'hubspot', objectType: 'contact', id: cells.hubspot_id.value });
  }
  if (crmRefs.length > 0) item.crmRefs = crmRefs;
  const campaigns = take('campaigns', cells.campaigns)
    ?.split(';')
    .map((k) => k.trim())
    .filter(Boolean);
  if (campaigns) item.campaigns = campaigns;
  const sourceRefs: SourceRef[] = [];
  if (cells.marketo_id) {
    if (/^\d{1,20}$/.test(cells.marketo_id.value)) {
      sourceRefs.push({ system: 'marketo', objectType: 'lead', id: cells.marketo_id.value });
    } else problems.push(problemAt(cells.marketo_id, 'must be a Marketo lead id (digits)'));
  }
  problems.push(...check(LeadInput, item, origins));
  return problems.length > 0 ? { kind: 'bad', problems } : { kind: 'item', item, sourceRefs };
}

export function buildEvent(cells: Cells, ctx: RowContext): BuiltRow {
  const problems: RowProblem[] = [];
  const origins = new Map<string, Cell>();
  const reported = new Set<string>();
  const item: Record<string, unknown> = { id: cells.id?.value ?? '', email: cells.email?.value ?? '' };
  if (cells.id) origins.set('id', cells.id);
  if (cells.email) origins.set('email', cells.email);
  if (cells.type) {
    const reading = readEventType(cells.type.value, ctx.preset?.eventTypes, ctx.preset?.unknownTypes);
    if ('skip' in reading) return { kind: 'skip', reason: `${cells.type.column} ${cells.type.value}` };
    if ('type' in reading) {
      item.type = reading.type;
      origins.set('type', cells.type);
    } else {
      reported.add('type');
      problems.push(
        problemAt(
          cells.type,
          `is not an event type we know; types are ${EventType.options.join(', ')} (or a tool's own, docs/import.md)`,
        ),
      );
    }
  }
  if (cells.occurred_at) {
    const at = readDate(cells.occurred_at, ctx, problems);
    if (at) {
      item.occurredAt = at;
      origins.set('occurredAt', cells.occurred_at);
    } else reported.add('occurredAt');
  }
  const content: Record<string, string> = {};
  for (const [key, field] of [
    ['id', 'content_id'],
    ['title', 'content_title'],
    ['url', 'content_url'],
    ['topic', 'content_topic'],
  ] as const) {
    const cell = cells[field];
    if (!cell) continue;
    content[key] = cell.value;
    origins.set(`content.${key}`, cell);
  }
  // A title alone (Marketo's page or email name without its id) names the content well enough to show.
  if (content.title && !content.id) content.id = `t-${slug(content.title)}`;
  if (content.url && !content.title) delete content.url;
  if (Object.keys(content).length > 0) {
    item.content = content;
    origins.set('content', (cells.content_id ?? cells.content_title ?? cells.content_url) as Cell);
  }
  if (cells.campaign) {
    item.campaign = cells.campaign.value;
    origins.set('campaign', cells.campaign);
  }
  if (!cells.email && cells.marketo_lead_id) {
    // The address is filled in from the stored lead before the batch is written (see run.ts).
    const checked = check(EngagementEventInput, { ...item, email: 'lead@example.com' }, origins, reported);
    problems.push(...checked);
    return problems.length > 0
      ? { kind: 'bad', problems }
      : { kind: 'item', item, sourceRefs: [], marketoLeadId: cells.marketo_lead_id };
  }
  problems.push(...check(EngagementEventInput, item, origins, reported));
  return problems.length > 0 ? { kind: 'bad', problems } : { kind: 'item', item, sourceRefs: [] };
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 100) || 'content'
  );
}
