import type { Stores } from '../store/index.ts';
import { crmRefLabel, refKey, type SourceRef } from '../store/leads.ts';
import type { RowProblem } from './rows.ts';

interface LeadRow {
  row: number;
  item: Record<string, unknown>;
  sourceRefs: readonly SourceRef[];
}

/**
 * For the preview: the rows whose CRM or source id another lead already holds, stored or from an
 * earlier row of the file, as the upsert would refuse them (same message), found with a read.
 * `owners` carries the file's earlier rows' ids from batch to batch.
 */
export async function crmConflicts(
  store: Stores,
  rows: readonly LeadRow[],
  owners: Map<string, string>,
): Promise<{ row: number; problems: RowProblem[] }[]> {
  const refsOf = (p: LeadRow) => [...((p.item.crmRefs ?? []) as SourceRef[]), ...p.sourceRefs];
  const stored = await store.leads.holdersOfRefs(rows.flatMap(refsOf));
  const conflicts: { row: number; problems: RowProblem[] }[] = [];
  for (const p of rows) {
    const email = String(p.item.email).trim().toLowerCase();
    const refs = refsOf(p);
    const taken = refs.find((ref) => {
      const holder = owners.get(refKey(ref)) ?? stored.get(refKey(ref));
      return holder !== undefined && holder !== email;
    });
    if (taken) {
      conflicts.push({
        row: p.row,
        problems: [{ message: `crmRefs: ${crmRefLabel(taken)} already belongs to another lead.` }],
      });
      continue;
    }
    for (const ref of refs) owners.set(refKey(ref), email);
  }
  return conflicts;
}
