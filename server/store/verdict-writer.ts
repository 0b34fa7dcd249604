import type { Feedback, FeedbackInput, Segments } from '../../lib/contract/index.ts';
import { createBatchCommit, type Settled } from './batch-commit.ts';
import { canonicalFeedback, type StoredFeedback, segmentsOf as segmentsFromColumns } from './feedback.ts';
import type { Stores } from './index.ts';

export interface Verdict {
  input: FeedbackInput;
  rep: { tokenId: string; name: string };
  now: string;
}

/** What became of one verdict: stored now, already stored under its id (a resend, or a reused id), or refused. */
export type VerdictOutcome =
  | { kind: 'stored'; feedback: Feedback }
  | { kind: 'existing'; stored: StoredFeedback }
  | { kind: 'unknown-target' };

/** The segments of the leads with these address hashes; an address not sent yet has none. */
async function segmentsOf(tx: Stores, hashes: readonly string[]): Promise<Map<string, Segments>> {
  const rows = await tx.db
    .selectFrom('leads')
    .select(['email_hash', 'industry', 'persona', 'region'])
    .where('email_hash', 'in', [...new Set(hashes)])
    .execute();
  return new Map(rows.map((r) => [r.email_hash, segmentsFromColumns(r)]));
}

const keyOf = (input: FeedbackInput) => `${input.target.kind}\u0000${input.target.id}`;

/**
 * One batch of verdicts in a handful of statements, however many it holds: the feedback lock, the
 * ids already stored, the targets that exist, the leads' segments, one insert, and (only after a
 * race with another instance) the rows that won. Verdict for verdict the outcome is what writing them
 * one by one in arrival order gives; within a batch the first verdict with an id wins and a later one
 * with the same id is answered as a resend of it.
 */
async function writeVerdicts(tx: Stores, verdicts: readonly Verdict[]): Promise<Settled<VerdictOutcome>[]> {
  await tx.feedback.lockForWrites();
  const ids = [...new Set(verdicts.map((v) => v.input.id))];
  const existing = await tx.feedback.getMany(ids);
  const pointIds = verdicts.filter((v) => v.input.target.kind === 'talkingPoint').map((v) => v.input.target.id);
  const campaignKeys = verdicts.filter((v) => v.input.target.kind === 'campaignMessage').map((v) => v.input.target.id);
  const [points, campaigns, segments] = await Promise.all([
    tx.talkingPoints.existing(pointIds),
    tx.campaigns.existing(campaignKeys),
    segmentsOf(
      tx,
      verdicts.map((v) => v.input.lead.emailHash),
    ),
  ]);
  const known = new Set([
    ...[...points].map((id) => `talkingPoint\u0000${id}`),
    ...[...campaigns].map((key) => `campaignMessage\u0000${key}`),
  ]);
  /** The verdict that takes each new id: the first in the batch. */
  const taking = new Map<string, Verdict>();
  for (const v of verdicts) {
    if (!existing.has(v.input.id) && known.has(keyOf(v.input)) && !taking.has(v.input.id)) taking.set(v.input.id, v);
  }
  const written = await tx.feedback.insertMany(
    [...taking.values()].map((v) => ({
      input: v.input,
      segments: segments.get(v.input.lead.emailHash) ?? {},
      repTokenId: v.rep.tokenId,
      repName: v.rep.name,
      now: v.now,
    })),
  );
  // Ids another instance committed between our read and our insert: their stored rows answer.
  const raced = [...taking.keys()].filter((id) => !written.has(id));
  for (const [id, row] of raced.length > 0 ? await tx.feedback.getMany(raced) : new Map()) existing.set(id, row);
  return verdicts.map((v): Settled<VerdictOutcome> => {
    const stored = existing.get(v.input.id);
    if (stored) return { ok: true, value: { kind: 'existing', stored } };
    const first = taking.get(v.input.id);
    const feedback = written.get(v.input.id);
    if (first === v && feedback) return { ok: true, value: { kind: 'stored', feedback } };
    if (first && feedback) {
      const again: StoredFeedback = {
        feedback,
        repTokenId: first.rep.tokenId,
        inputJson: canonicalFeedback(first.input),
      };
      return { ok: true, value: { kind: 'existing', stored: again } };
    }
    if (!known.has(keyOf(v.input))) return { ok: true, value: { kind: 'unknown-target' } };
    return { ok: false, error: new Error(`verdict ${v.input.id} neither inserted nor found`) };
  });
}

/** Reps' verdicts, group-committed: see `createBatchCommit` for batching, durability and retries. */
export function createVerdictWriter(store: Stores) {
  const commit = createBatchCommit<Verdict, VerdictOutcome>(store, (tx, _trx, verdicts) => writeVerdicts(tx, verdicts));
  return { write: commit.submit, batches: commit.batches };
}
