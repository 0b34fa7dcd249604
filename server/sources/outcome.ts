import { HttpUrl, type LifecycleStage } from '../../lib/contract/index.ts';
import { isRecord } from './items.ts';

/** What one inbox item becomes; checked against the contract's LeadInput / EngagementEventInput when written. */
export type Outcome =
  | { kind: 'lead'; lead: Record<string, unknown>; occurredAt: string | undefined }
  | { kind: 'event'; event: Record<string, unknown> }
  | { kind: 'unmapped' }
  | { kind: 'skipped'; reason: string };

/** The value at `path` in nested objects, or undefined. */
export function at(value: unknown, ...path: string[]): unknown {
  let here = value;
  for (const key of path) {
    if (!isRecord(here)) return undefined;
    here = here[key];
  }
  return here;
}

/** The first of `values` that is non-blank text (numbers as text). */
export function text(...values: unknown[]): string | undefined {
  for (const v of values) {
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  }
  return undefined;
}

/** An ISO instant from the first parseable value. */
export function instant(...values: unknown[]): string | undefined {
  for (const v of values) {
    if (typeof v !== 'string' || v === '') continue;
    const ms = Date.parse(v);
    if (!Number.isNaN(ms)) return new Date(ms).toISOString();
  }
  return undefined;
}

/** A content or campaign key from free text: letters, digits and `.` `_` `:` `-` only, at most 120. */
export function keyFrom(value: string): string {
  const key = value
    .replace(/^https?:\/\//i, '')
    .replace(/[^A-Za-z0-9._:-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 120);
  return key || 'unknown';
}

/** An http(s) URL as the contract takes it, else undefined (a bad URL loses the link, not the event). */
export function httpUrl(value: unknown): string | undefined {
  return typeof value === 'string' && HttpUrl.safeParse(value).success ? value : undefined;
}

/** Content shown in the timeline: needs an id and a title; the rest when present. */
export function content(id: string | undefined, title: string | undefined, url?: unknown, topic?: string) {
  if (!id || !title) return undefined;
  const link = httpUrl(url);
  return {
    id: keyFrom(id),
    title: title.slice(0, 300),
    ...(link ? { url: link } : {}),
    ...(topic ? { topic: topic.slice(0, 80) } : {}),
  };
}

const STAGES: Readonly<Record<string, LifecycleStage>> = {
  subscriber: 'subscriber',
  lead: 'lead',
  mql: 'mql',
  marketingqualifiedlead: 'mql',
  sql: 'sql',
  salesqualifiedlead: 'sql',
  opportunity: 'opportunity',
  customer: 'customer',
};

/** A lifecycle stage the way tools spell it ("Marketing Qualified Lead", "marketingqualifiedlead", "MQL"). */
export function lifecycleStage(value: unknown): LifecycleStage | undefined {
  const name = text(value);
  return name ? STAGES[name.toLowerCase().replace(/[^a-z]/g, '')] : undefined;
}

/** Drops undefined fields, so a field a tool did not send keeps its stored value. */
export function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}
