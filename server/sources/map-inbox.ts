import { EngagementEventInput, LeadInput, type SourceKind } from '../../lib/contract/index.ts';
import { safeParseWithinCaps } from '../array-caps.ts';
import type { SourceInboxState } from '../db/tables.ts';
import { describeIssues } from '../problem.ts';
import type { Stores } from '../store/index.ts';
import type { InboxRow, StoredSource } from '../store/sources.ts';
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

/** Thrown inside a row's transaction when another process settled the row first: nothing is kept. */
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
    return written.ok ? ['stored', null] : ['skipped', written.detail];
  }
  // The row's id names the event: the inbox refuses a repeated item, and a row is mapped once.
  const parsed = safeParseWithinCaps(EngagementEventInput, { ...outcome.event, id: eventId(row), occurredAt });
  if (!parsed.success) return ['skipped', describeIssues(parsed.error.issues).detail];
  const { id: leadId } = await tx.leads.ensure(parsed.data.email, now);
  const inserted = await tx.events.insert(leadId, parsed.data, now);
  if (inserted && parsed.data.campaign) await tx.leads.addCampaignTouch(leadId, parsed.data.campaign);
  return inserted ? ['stored', null] : ['duplicate', 'already stored'];
}

const COUNTER = { stored: 'stored', duplicate: 'duplicates', unmapped: 'unmapped', skipped: 'skipped' } as const;

/**
 * Maps inbox rows, each in its own transaction with its writes and its source's counter, so a row
 * is mapped once even when two processes drain at the same time. A row whose transaction fails stays
 * `new` for the next drain.
 */
export async function mapRows(
  store: Stores,
  rows: readonly InboxRow[],
  now: () => string,
  onError: (row: InboxRow, error: unknown) => void,
): Promise<MapTally & { failed: number }> {
  const tally = { stored: 0, duplicates: 0, unmapped: 0, skipped: 0, failed: 0 };
  const sources = new Map<string, StoredSource | null>();
  for (const row of rows) {
    try {
      if (!sources.has(row.sourceId)) sources.set(row.sourceId, await store.sources.get(row.sourceId));
      const source = sources.get(row.sourceId);
      if (!source) continue;
      const state = await store.transaction(async (tx) => {
        const at = now();
        const [state, detail] = await writeOne(tx, source, row, at);
        if (!(await tx.sources.settle(row.id, state, detail, at))) throw new SettledElsewhere();
        await tx.sources.count(source.id, { [COUNTER[state]]: 1 }, undefined, at);
        return state;
      });
      tally[COUNTER[state]]++;
    } catch (error) {
      if (error instanceof SettledElsewhere) continue;
      tally.failed++;
      onError(row, error);
    }
  }
  return tally;
}

/** Kinds whose inbox is mapped here. */
export const MAPPED_KINDS: readonly SourceKind[] = ['segment', 'mautic', 'hubspot'];
