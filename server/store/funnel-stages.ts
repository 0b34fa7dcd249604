import { LifecycleStage } from '../../lib/contract/index.ts';
import type { Db } from '../db/open.ts';
import type { StageChange } from '../domain/funnel-metrics.ts';

interface ChangeRow {
  lead_id: number;
  from_stage: string | null;
  to_stage: string;
  changed_ms: number;
}

const stageOrNull = (value: string | null) => {
  const parsed = LifecycleStage.safeParse(value);
  return parsed.success ? parsed.data : null;
};

/** Reads of the lifecycle-stage history (`stage_changes`, written by the lead store's upsert). */
export function createStageHistoryStore(db: Db) {
  const changes = db.prepare<[], ChangeRow>(
    'SELECT lead_id, from_stage, to_stage, changed_ms FROM stage_changes ORDER BY lead_id, changed_ms, id',
  );
  const counts = db.prepare<[], { stage: string; n: number }>(
    'SELECT lifecycle_stage AS stage, count(*) AS n FROM leads WHERE lifecycle_stage IS NOT NULL GROUP BY lifecycle_stage',
  );
  const countFor = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM stage_changes WHERE lead_id = ?');
  return {
    /** Every recorded change, per lead in time order. */
    all(): StageChange[] {
      return changes.all().flatMap((r) => {
        const to = stageOrNull(r.to_stage);
        return to ? [{ leadId: r.lead_id, from: stageOrNull(r.from_stage), to, at: r.changed_ms }] : [];
      });
    },
    /** Leads per stored stage now. */
    currentCounts(): Map<LifecycleStage, number> {
      const out = new Map<LifecycleStage, number>();
      for (const r of counts.all()) {
        const stage = stageOrNull(r.stage);
        if (stage) out.set(stage, r.n);
      }
      return out;
    },
    countFor(leadId: number): number {
      return countFor.get(leadId)?.n ?? 0;
    },
  };
}

export type StageHistoryStore = ReturnType<typeof createStageHistoryStore>;
