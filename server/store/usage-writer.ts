import type { Usage, UsageInput } from '../../lib/contract/index.ts';
import { createBatchCommit, type Settled } from './batch-commit.ts';
import type { Stores } from './index.ts';
import { canonicalUsage, type StoredUsage } from './usage.ts';

export interface Use {
  input: UsageInput;
  rep: { tokenId: string; name: string };
  now: string;
}

/** What became of one use: stored now, already stored under its id (a resend, or a reused id), or refused. */
export type UseOutcome =
  | { kind: 'stored'; usage: Usage }
  | { kind: 'existing'; stored: StoredUsage }
  | { kind: 'unknown-target' };

const keyOf = (input: UsageInput) => `${input.target.kind}\u0000${input.target.id}`;

/**
 * One batch of uses in a handful of statements: the ids already stored, the targets that exist, the
 * leads as they stand, the reps' keys, one insert, and (only after a race with another instance) the
 * rows that won. Within a batch the first use with an id wins and a later one with the same id is
 * answered as a resend of it.
 */
async function writeUses(tx: Stores, uses: readonly Use[]): Promise<Settled<UseOutcome>[]> {
  const existing = await tx.usage.getMany([...new Set(uses.map((u) => u.input.id))]);
  const pointIds = uses.filter((u) => u.input.target.kind === 'talkingPoint').map((u) => u.input.target.id);
  const campaignKeys = uses.filter((u) => u.input.target.kind === 'campaignMessage').map((u) => u.input.target.id);
  const [points, campaigns, leads, repKeys] = await Promise.all([
    tx.talkingPoints.existing(pointIds),
    tx.campaigns.existing(campaignKeys),
    tx.usage.leadsByHash(uses.map((u) => u.input.lead.emailHash)),
    tx.usage.repKeys(uses.map((u) => u.rep.tokenId)),
  ]);
  const known = new Set([
    ...[...points].map((id) => `talkingPoint\u0000${id}`),
    ...[...campaigns].map((key) => `campaignMessage\u0000${key}`),
  ]);
  const taking = new Map<string, Use>();
  for (const u of uses) {
    if (!existing.has(u.input.id) && known.has(keyOf(u.input)) && !taking.has(u.input.id)) taking.set(u.input.id, u);
  }
  const written = await tx.usage.insertMany(
    [...taking.values()].map((u) => ({
      input: u.input,
      lead: leads.get(u.input.lead.emailHash),
      repKey: repKeys.get(u.rep.tokenId) ?? u.rep.tokenId,
      repName: u.rep.name,
      now: u.now,
    })),
  );
  const raced = [...taking.keys()].filter((id) => !written.has(id));
  for (const [id, row] of raced.length > 0 ? await tx.usage.getMany(raced) : new Map()) existing.set(id, row);
  return uses.map((u): Settled<UseOutcome> => {
    const stored = existing.get(u.input.id);
    if (stored) return { ok: true, value: { kind: 'existing', stored } };
    const first = taking.get(u.input.id);
    const usage = written.get(u.input.id);
    if (first === u && usage) return { ok: true, value: { kind: 'stored', usage } };
    if (first && usage) {
      return { ok: true, value: { kind: 'existing', stored: { usage, inputJson: canonicalUsage(first.input) } } };
    }
    if (!known.has(keyOf(u.input))) return { ok: true, value: { kind: 'unknown-target' } };
    return { ok: false, error: new Error(`use ${u.input.id} neither inserted nor found`) };
  });
}

/** Reps' uses, group-committed like verdicts: see `createBatchCommit` for batching, durability and retries. */
export function createUsageWriter(store: Stores) {
  const commit = createBatchCommit<Use, UseOutcome>(store, (tx, _trx, uses) => writeUses(tx, uses));
  return { write: commit.submit };
}
