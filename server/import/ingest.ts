import type { z } from 'zod';
import { type BatchResult, EngagementEventInput, LeadInput } from '../../lib/contract/index.ts';
import { safeParseWithinCaps } from '../array-caps.ts';
import { describeIssues } from '../problem.ts';
import type { Stores } from '../store/index.ts';
import type { SourceRef } from '../store/leads.ts';

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

/** `sourceRefs[i]`: ids of systems the contract does not name (Marketo) for item i, from the CSV import. */
export function ingestLeads(
  store: Stores,
  items: readonly unknown[],
  now: string,
  sourceRefs: readonly (readonly SourceRef[])[] = [],
): Promise<BatchResult> {
  return ingestEach(store, items, LeadInput, async (tx, lead, index) => {
    const written = await tx.leads.upsert(lead, now, sourceRefs[index]);
    return written.ok ? true : `${written.detail}.`;
  });
}

/** Idempotent by event id: a repeated id is accepted and counted in `duplicates`, never stored twice. */
export async function ingestEvents(
  store: Stores,
  items: readonly unknown[],
  now: string,
): Promise<BatchResult & { duplicates: number }> {
  let duplicates = 0;
  const result = await ingestEach(store, items, EngagementEventInput, async (tx, event) => {
    const { id: leadId } = await tx.leads.ensure(event.email, now);
    const inserted = await tx.events.insert(leadId, event, now);
    if (inserted && event.campaign) await tx.leads.addCampaignTouch(leadId, event.campaign);
    if (!inserted) duplicates++;
    return true;
  });
  return { ...result, duplicates };
}
