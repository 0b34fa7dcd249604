import type { LeadFacts, UseRecord } from '../domain/moved-forward.ts';
import type { StoreContext } from './context.ts';
import { stageOrNull } from './funnel-stages.ts';

/**
 * The set-based reads "Used" and "Moved forward" in the feedback summary are computed from: every
 * use, and every stored lead's stage, industry and creation time. A few statements however many
 * targets there are; the computation is in memory (domain/moved-forward.ts).
 */
export function createUsageReads(ctx: StoreContext) {
  return {
    /** Every use, oldest first, with its lead: the one the use names, else the stored lead with its hash. */
    async uses(): Promise<UseRecord[]> {
      const rows = await ctx.db
        .selectFrom('usage')
        .leftJoin('leads', 'leads.email_hash', 'usage.email_hash')
        .select([
          'usage.target_kind',
          'usage.target_id',
          'usage.lead_id',
          'leads.id as hash_lead_id',
          'usage.email_hash',
          'usage.rep_key',
          'usage.occurred_ms',
        ])
        .orderBy('usage.occurred_ms')
        .orderBy('usage.id')
        .execute();
      return rows.map((r) => ({
        target: { kind: r.target_kind, id: r.target_id },
        leadId: r.lead_id ?? r.hash_lead_id ?? null,
        emailHash: r.email_hash,
        repKey: r.rep_key,
        at: Number(r.occurred_ms),
      }));
    },
    /** Every stored lead's stage now, industry and creation time. */
    async leadFacts(): Promise<LeadFacts[]> {
      const rows = await ctx.db
        .selectFrom('leads')
        .select(['id', 'lifecycle_stage', 'industry', 'created_at'])
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        stage: stageOrNull(r.lifecycle_stage),
        industry: r.industry,
        createdAt: Date.parse(r.created_at),
      }));
    },
  };
}

export type UsageReads = ReturnType<typeof createUsageReads>;
