import type { z } from 'zod';
import { type BatchResult, EngagementEventInput, LeadInput } from '../../lib/contract/index.ts';
import { safeParseWithinCaps } from '../array-caps.ts';
import { normaliseEmail } from '../email.ts';
import { describeIssues } from '../problem.ts';
import type { Stores } from '../store/index.ts';
import type { SourceRef } from '../store/leads.ts';
import { RacedBatch } from '../store/leads-many.ts';

/**
 * The batch ingests behind `POST /v1/leads`, `POST /v1/engagement/events` and the CSV import: each item is
 * checked on its own with the contract's schema, good ones are written in one transaction, bad
 * ones are reported by index.
 */
async function ingestEach<S extends z.ZodType>(
  store: Stores,
  items: readonly unknown[],
  schema: S,
  /** Writes one checked item with the stores of the batch's transaction; a string is the reason it was refused. */
  write: (tx: Stores, item: z.output<S>, index: number) => Promise<true | string>,
): Promise<BatchResult> {
  const result: BatchResult = { received: items.length, accepted: 0, rejected: [] };
  await store.transaction(async (tx) => {
    for (const [index, item] of items.entries()) {
      const parsed = safeParseWithinCaps(schema, item);
      const outcome = parsed.success ? await write(tx, parsed.data, index) : describeIssues(parsed.error.issues).detail;
      if (outcome === true) result.accepted++;
      else result.rejected.push({ index, detail: outcome });
    }
  });
  return result;
}

/**
 * `sourceRefs[i]`: ids of systems the contract does not name (Marketo) for item i, from the CSV import.
 * The good items are upserted together when they do not depend on each other, else one by one in
 * order; the outcome is the same.
 */
export async function ingestLeads(
  store: Stores,
  items: readonly unknown[],
  now: string,
  sourceRefs: readonly (readonly SourceRef[])[] = [],
): Promise<BatchResult> {
  const result: BatchResult = { received: items.length, accepted: 0, rejected: [] };
  const good: { input: LeadInput; index: number }[] = [];
  for (const [index, item] of items.entries()) {
    const parsed = safeParseWithinCaps(LeadInput, item);
    if (parsed.success) good.push({ input: parsed.data, index });
    else result.rejected.push({ index, detail: describeIssues(parsed.error.issues).detail });
  }
  const written = await store
    .transaction((tx) =>
      tx.leads.upsertMany(
        good.map((g) => g.input),
        now,
        good.map((g) => sourceRefs[g.index]),
      ),
    )
    .catch((error: unknown) => {
      // Inside a caller's transaction the partial batch cannot be undone here: the caller retries.
      if (error instanceof RacedBatch && !store.db.isTransaction) return null;
      throw error;
    });
  if (written === null) {
    return ingestEach(store, items, LeadInput, async (tx, lead, index) => {
      const one = await tx.leads.upsert(lead, now, sourceRefs[index]);
      return one.ok ? true : `${one.detail}.`;
    });
  }
  for (const [k, outcome] of written.entries()) {
    if (outcome.ok) result.accepted++;
    else result.rejected.push({ index: good[k]?.index ?? -1, detail: `${outcome.detail}.` });
  }
  result.rejected.sort((a, b) => a.index - b.index);
  return result;
}

/**
 * Idempotent by event id: a repeated id is accepted and counted in `duplicates`, never stored twice.
 * The good items are written together (their leads found or created, the events inserted, campaign
 * touches added, a few statements each), which is what lets a backfill of millions go at speed.
 */
export async function ingestEvents(
  store: Stores,
  items: readonly unknown[],
  now: string,
): Promise<BatchResult & { duplicates: number }> {
  const result: BatchResult = { received: items.length, accepted: 0, rejected: [] };
  const good: EngagementEventInput[] = [];
  for (const [index, item] of items.entries()) {
    const parsed = safeParseWithinCaps(EngagementEventInput, item);
    if (parsed.success) good.push(parsed.data);
    else result.rejected.push({ index, detail: describeIssues(parsed.error.issues).detail });
  }
  result.accepted = good.length;
  if (good.length === 0) return { ...result, duplicates: 0 };
  const stored = await store.transaction(async (tx) => {
    const leadIds = await tx.leads.ensureMany(
      good.map((e) => e.email),
      now,
    );
    const rows = good.map((event) => ({ leadId: leadIds.get(normaliseEmail(event.email)) as number, event }));
    const inserted = await tx.events.insertMany(rows, now);
    // A campaign touch for each event stored now, from its first copy (the one stored).
    const touched = new Set<string>();
    const touches = rows.flatMap(({ leadId, event }) => {
      if (!inserted.has(event.id) || touched.has(event.id)) return [];
      touched.add(event.id);
      return event.campaign ? [{ leadId, campaign: event.campaign }] : [];
    });
    await tx.leads.addCampaignTouches(touches);
    return inserted.size;
  });
  return { ...result, duplicates: good.length - stored };
}
