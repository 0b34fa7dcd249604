import { type BatchResult, EngagementEventInput, LeadInput } from '../../lib/contract/index.ts';
import { safeParseWithinCaps } from '../array-caps.ts';
import { describeIssues } from '../problem.ts';
import type { Store } from '../store/index.ts';

/**
 * The batch ingests behind `POST /v1/leads`, `POST /v1/engagement/events` and the CSV import: each item is
 * checked on its own with the contract's schema, good ones are written in one transaction, bad
 * ones are reported by index.
 */
export function ingestLeads(store: Store, items: readonly unknown[], now: string): BatchResult {
  const result: BatchResult = { received: items.length, accepted: 0, rejected: [] };
  store.transaction(() => {
    items.forEach((item, index) => {
      const lead = safeParseWithinCaps(LeadInput, item);
      if (!lead.success) {
        result.rejected.push({ index, detail: describeIssues(lead.error.issues).detail });
        return;
      }
      const written = store.leads.upsert(lead.data, now);
      if (written.ok) result.accepted++;
      else result.rejected.push({ index, detail: `${written.detail}.` });
    });
  });
  return result;
}

/** Idempotent by event id: a repeated id is accepted and counted in `duplicates`, never stored twice. */
export function ingestEvents(
  store: Store,
  items: readonly unknown[],
  now: string,
): BatchResult & { duplicates: number } {
  const result = { received: items.length, accepted: 0, rejected: [] as BatchResult['rejected'], duplicates: 0 };
  store.transaction(() => {
    items.forEach((item, index) => {
      const event = safeParseWithinCaps(EngagementEventInput, item);
      if (!event.success) {
        result.rejected.push({ index, detail: describeIssues(event.error.issues).detail });
        return;
      }
      const { id: leadId } = store.leads.ensure(event.data.email, now);
      const inserted = store.events.insert(leadId, event.data, now);
      if (inserted && event.data.campaign) store.leads.addCampaignTouch(leadId, event.data.campaign);
      result.accepted++;
      if (!inserted) result.duplicates++;
    });
  });
  return result;
}
