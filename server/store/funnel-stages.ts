import { LifecycleStage } from '../../lib/contract/index.ts';
import type { StageChange } from '../domain/funnel-metrics.ts';
import type { StoreContext } from './context.ts';

const STAGES: ReadonlySet<string> = new Set(LifecycleStage.options);

/**
 * A stored stage as the contract's value, or null (none, or one the contract no longer has). A set
 * lookup, not `safeParse`: a failed parse builds an error, and the history has a null `from` per lead.
 */
export const stageOrNull = (value: string | null): LifecycleStage | null =>
  value !== null && STAGES.has(value) ? (value as LifecycleStage) : null;

/** Reads of the lifecycle-stage history (`stage_changes`, written by the lead store's upsert). */
export function createStageHistoryStore(ctx: StoreContext) {
  return {
    /** Every recorded change, per lead in time order. */
    async all(): Promise<StageChange[]> {
      const rows = await ctx.db
        .selectFrom('stage_changes')
        .select(['lead_id', 'from_stage', 'to_stage', 'changed_ms'])
        .orderBy('lead_id')
        .orderBy('changed_ms')
        .orderBy('id')
        .execute();
      return rows.flatMap((r) => {
        const to = stageOrNull(r.to_stage);
        return to ? [{ leadId: r.lead_id, from: stageOrNull(r.from_stage), to, at: Number(r.changed_ms) }] : [];
      });
    },
    /** Leads per stored stage now. */
    async currentCounts(): Promise<Map<LifecycleStage, number>> {
      // Ordered so the map's order does not depend on the engine's grouping.
      const rows = await ctx.db
        .selectFrom('leads')
        .select((eb) => ['lifecycle_stage as stage', eb.fn.countAll().as('n')])
        .where('lifecycle_stage', 'is not', null)
        .groupBy('lifecycle_stage')
        .orderBy('lifecycle_stage')
        .execute();
      const out = new Map<LifecycleStage, number>();
      for (const r of rows) {
        const stage = stageOrNull(r.stage);
        if (stage) out.set(stage, Number(r.n));
      }
      return out;
    },
    async countFor(leadId: number): Promise<number> {
      const row = await ctx.db
        .selectFrom('stage_changes')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('lead_id', '=', leadId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

export type StageHistoryStore = ReturnType<typeof createStageHistoryStore>;
