import { EngagementEventInput, LeadInput, type SourceKind } from '../../lib/contract/index.ts';
import { safeParseWithinCaps } from '../array-caps.ts';
import type { SourceInboxState } from '../db/tables.ts';
import { hashEmail } from '../email.ts';
import { describeIssues } from '../problem.ts';
import type { Stores } from '../store/index.ts';
import type { Counter, InboxRow, StoredSource } from '../store/sources.ts';
import { mapHubspotItem } from './hubspot/map.ts';
import { mapMauticEvent } from './mautic-map.ts';
import type { Outcome } from './outcome.ts';
import { mapSegmentCall } from './segment-map.ts';

export interface MapTally {
  stored: number;
  duplicates: number;
  unmapped: number;
  skipped: number;
}

const HOUR_MS = 3_600_000;

function outcomeOf(source: StoredSource, row: InboxRow): Outcome {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payloadJson);
  } catch {
    return { kind: 'skipped', reason: 'the stored payload is not JSON' };
  }
  const map = { mautic: mapMauticEvent, segment: mapSegmentCall, hubspot: mapHubspotItem }[source.kind];
  return map(row.name, payload, source.settings);
}

/** Refuses what happened longer before its receipt than the source allows (a replay of old traffic). */
function tooOld(source: StoredSource, occurredAt: unknown, receivedAt: string): string | null {
  if (typeof occurredAt !== 'string') return null;
  const ageMs = Date.parse(receivedAt) - Date.parse(occurredAt);
  const max = source.settings.maxEventAgeHours;
  return ageMs > max * HOUR_MS
    ? `happened ${Math.floor(ageMs / HOUR_MS)} h before it was received; this source takes events up to ${max} h old`
    : null;
}

const eventId = (row: InboxRow) => `${row.sourceId}:${row.id}`;

/** Thrown inside a transaction when another process settled one of its rows first: nothing is kept. */
class SettledElsewhere extends Error {}

/** What one inbox row maps to: the state to settle it in, and the writes that go with it. */
async function writeOne(
  tx: Stores,
  source: StoredSource,
  row: InboxRow,
  now: string,
): Promise<[Exclude<SourceInboxState, 'new'>, string | null]> {
  const outcome = outcomeOf(source, row);
  if (outcome.kind === 'unmapped') return ['unmapped', null];
  if (outcome.kind === 'skipped') return ['skipped', outcome.reason];
  const occurredAt = (outcome.kind === 'lead' ? outcome.occurredAt : outcome.event.occurredAt) ?? row.receivedAt;
  const old = tooOld(source, occurredAt, row.receivedAt);
  if (old) return ['skipped', old];

  if (outcome.kind === 'lead') {
    const parsed = safeParseWithinCaps(LeadInput, outcome.lead);
    if (!parsed.success) return ['skipped', describeIssues(parsed.error.issues).detail];
    const written = await tx.leads.upsert(parsed.data, now);
    if (written.ok) await tx.leadActivity.record(hashEmail(parsed.data.email), now);
    return written.ok ? ['stored', null] : ['skipped', written.detail];
  }
  // The row's id names the event: the inbox refuses a repeated item, and a row is mapped once.
  const parsed = safeParseWithinCaps(EngagementEventInput, { ...outcome.event, id: eventId(row), occurredAt });
  if (!parsed.success) return ['skipped', describeIssues(parsed.error.issues).detail];
  const { id: leadId } = await tx.leads.ensure(parsed.data.email, now);
  const inserted = await tx.events.insert(leadId, parsed.data, now);
  if (inserted && parsed.data.campaign) await tx.leads.addCampaignTouch(leadId, parsed.data.campaign);
  if (inserted) await tx.leadActivity.record(hashEmail(parsed.data.email), now);
  return inserted ? ['stored', null] : ['duplicate', 'already stored'];
}

const COUNTER = { stored: 'stored', duplicate: 'duplicates', unmapped: 'unmapped', skipped: 'skipped' } as const;

/** Rows mapped in one transaction at most, so that a commit is spread over many rows. */
export const MAP_BATCH = 100;
/**
 * A transaction takes no further row after this long: a push waiting for SQLite's one writer (or this
 * process's one connection) waits about this long for a batch, whatever the machine's speed.
 */
const MAP_SLICE_MS = 10;

type Settled = Exclude<SourceInboxState, 'new'>;

/**
 * Maps the first of `rows` in one transaction with their writes and their sources' counters (one
 * update per source), as many as fit in `MAP_SLICE_MS` (at least one): `taken` says how many. Rows no
 * longer `new`, or held by another instance's transaction, are left out; `states` holds those mapped.
 * A failing row fails them all: nothing is kept.
 */
async function mapTogether(
  store: Stores,
  sources: ReadonlyMap<string, StoredSource>,
  rows: readonly InboxRow[],
  now: () => string,
): Promise<{ states: Map<number, Settled>; taken: number }> {
  return store.transaction(async (tx) => {
    const at = now();
    const started = performance.now();
    const open = await tx.sources.claim(rows.map((r) => r.id));
    const states = new Map<number, Settled>();
    const counts = new Map<string, Partial<Record<Counter, number>>>();
    let taken = 0;
    for (const row of rows) {
      if (taken > 0 && performance.now() - started >= MAP_SLICE_MS) break;
      taken++;
      const source = sources.get(row.sourceId);
      if (!source || !open.has(row.id)) continue;
      const [state, detail] = await writeOne(tx, source, row, at);
      if (!(await tx.sources.settle(row.id, state, detail, at))) throw new SettledElsewhere();
      states.set(row.id, state);
      const counted = counts.get(source.id) ?? {};
      counted[COUNTER[state]] = (counted[COUNTER[state]] ?? 0) + 1;
      counts.set(source.id, counted);
    }
    for (const [sourceId, counted] of counts) await tx.sources.count(sourceId, counted, undefined, at);
    return { states, taken };
  });
}

/**
 * Maps inbox rows, up to `MAP_BATCH` (and `MAP_SLICE_MS`) in one transaction. When a batch's transaction fails,
 * its rows are mapped again one transaction each, so one bad row does not hold back the others; a
 * row whose own transaction fails stays `new` (`onError` is told) for the mapper to retry. A row is
 * mapped once even when several processes map at the same time: each transaction claims its rows and
 * settles only those still `new`.
 */
export async function mapRows(
  store: Stores,
  rows: readonly InboxRow[],
  now: () => string,
  onError: (row: InboxRow, error: unknown) => void,
  /** Awaited between two transactions: the inbox mapper gives way to requests there. */
  between: () => Promise<void> = async () => {},
): Promise<MapTally & { failed: number }> {
  const tally = { stored: 0, duplicates: 0, unmapped: 0, skipped: 0, failed: 0 };
  const sources = new Map<string, StoredSource>();
  for (const sourceId of new Set(rows.map((r) => r.sourceId))) {
    const source = await store.sources.get(sourceId);
    if (source) sources.set(sourceId, source);
  }
  const add = (states: Map<number, Settled>) => {
    for (const state of states.values()) tally[COUNTER[state]]++;
  };
  const fail = (row: InboxRow, error: unknown) => {
    if (error instanceof SettledElsewhere) return;
    tally.failed++;
    onError(row, error);
  };
  for (let i = 0; i < rows.length; ) {
    if (i > 0) await between();
    const batch = rows.slice(i, i + MAP_BATCH);
    try {
      const { states, taken } = await mapTogether(store, sources, batch, now);
      add(states);
      i += taken;
      continue;
    } catch (error) {
      if (batch.length === 1) {
        fail(batch[0] as InboxRow, error);
        i++;
        continue;
      }
    }
    for (const row of batch) {
      try {
        add((await mapTogether(store, sources, [row], now)).states);
      } catch (error) {
        fail(row, error);
      }
    }
    i += batch.length;
  }
  return tally;
}

/** Kinds whose inbox is mapped here. */
export const MAPPED_KINDS: readonly SourceKind[] = ['segment', 'mautic', 'hubspot'];
