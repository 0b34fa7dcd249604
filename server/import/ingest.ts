import type { z } from 'zod';
import { type BatchResult, EngagementEventInput, LeadInput } from '../../lib/contract/index.ts';
import { safeParseWithinCaps } from '../array-caps.ts';
import { describeIssues } from '../problem.ts';
import type { Store } from '../store/index.ts';

/**
 * The batch ingests behind `POST /v1/leads`, `POST /v1/engagement/events` and the CSV import: each item is
 * checked on its own with the contract's schema, good ones are written in one transaction, bad
 * ones are reported by index.
 */
function ingestEach<S extends z.ZodType>(
  store: Store,
  items: readonly unknown[],
  schema: S,
  /** Writes one checked item; a string is the reason it was refused. */
  write: (item: z.output<S>) => true | string,
): BatchResult {
  const result: BatchResult = { received: items.length, accepted: 0, rejected: [] };
  store.transaction(() => {
    items.forEach((item, index) => {
      const parsed = safeParseWithinCaps(schema, item);
      const outcome = parsed.success ? write(parsed.data) : describeIssues(parsed.error.issues).detail;
      if (outcome === true) result.accepted++;
      else result.rejected.push({ index, detail: outcome });
    });
  });
  return result;
}

export function ingestLeads(store: Store, items: readonly unknown[], now: string): BatchResult {
  return ingestEach(store, items, LeadInput, (lead) => {
    const written = store.leads.upsert(lead, now);
    return written.ok ? true : `${written.detail}.`;
  });
}

/** Idempotent by event id: a repeated id is accepted and counted in `duplicates`, never stored twice. */
export function ingestEvents(
  store: Store,
  items: readonly unknown[],
  now: string,
): BatchResult & { duplicates: number } {
  let duplicates = 0;
  const result = ingestEach(store, items, EngagementEventInput, (event) => {
    const { id: leadId } = store.leads.ensure(event.email, now);
    const inserted = store.events.insert(leadId, event, now);
    if (inserted && event.campaign) store.leads.addCampaignTouch(leadId, event.campaign);
    if (!inserted) duplicates++;
    return true;
  });
  return { ...result, duplicates };
}
