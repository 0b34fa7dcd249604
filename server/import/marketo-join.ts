import type { Stores } from '../store/index.ts';
import { type Cell, problemAt, type RowProblem } from './rows.ts';

interface Joinable {
  row: number;
  item: Record<string, unknown>;
  marketoLeadId?: Cell | undefined;
}

/**
 * Fills in the address of each Marketo activity from the lead stored with its Marketo lead id (a
 * read: the import and its preview both use it). Returns the rows whose id no stored lead has;
 * their item's address stays empty.
 */
export async function joinMarketoLeads(
  store: Stores,
  rows: readonly Joinable[],
): Promise<{ row: number; problems: RowProblem[] }[]> {
  const toJoin = rows.filter((p) => p.marketoLeadId);
  if (toJoin.length === 0) return [];
  const ids = [...new Set(toJoin.map((p) => p.marketoLeadId?.value ?? ''))];
  const emails = await store.leads.emailsBySourceId('marketo', ids);
  const unknown: { row: number; problems: RowProblem[] }[] = [];
  for (const p of toJoin) {
    const email = emails.get(p.marketoLeadId?.value ?? '');
    if (email) p.item.email = email;
    else
      unknown.push({
        row: p.row,
        problems: [
          problemAt(p.marketoLeadId, 'no stored lead has this Marketo lead id; import the Marketo lead extract first'),
        ],
      });
  }
  return unknown;
}

/** Whether a row can be written: not a Marketo activity left without an address by the join. */
export const joined = (p: Joinable) => !p.marketoLeadId || p.item.email !== '';
