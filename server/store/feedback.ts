import {
  type Feedback,
  type FeedbackInput,
  type FeedbackListQuery,
  type FeedbackPage,
  FeedbackReason,
  type Segments,
} from '../../lib/contract/index.ts';
import type { Db } from '../db/open.ts';
import type { FeedbackTallies, SegmentDimension, VerdictRecord } from '../domain/feedback.ts';
import { type Keyset, keysetPage } from './cursor.ts';

interface FeedbackRow {
  id: string;
  target_kind: Feedback['target']['kind'];
  target_id: string;
  verdict: Feedback['verdict'];
  reason: string | null;
  note: string | null;
  email_hash: string;
  industry: string | null;
  persona: string | null;
  region: string | null;
  rep_token_id: string;
  rep_name: string;
  occurred_at: string;
  occurred_ms: number;
  received_at: string;
  withdrawn_at: string | null;
  input_json: string;
}

export interface StoredFeedback {
  feedback: Feedback;
  repTokenId: string;
  /** The body as first received, in canonical form, to compare a repeated id against. */
  inputJson: string;
}

/** The body in one canonical form: fixed key order, the time normalised to UTC. */
export function canonicalFeedback(input: FeedbackInput): string {
  return JSON.stringify({
    id: input.id,
    target: { kind: input.target.kind, id: input.target.id },
    verdict: input.verdict,
    reason: input.reason ?? null,
    note: input.note ? input.note : null,
    lead: { emailHash: input.lead.emailHash },
    occurredAt: new Date(input.occurredAt).toISOString(),
  });
}

function segmentsOf(row: Pick<FeedbackRow, 'industry' | 'persona' | 'region'>): Segments {
  return {
    ...(row.industry ? { industry: row.industry } : {}),
    ...(row.persona ? { persona: row.persona } : {}),
    ...(row.region ? { region: row.region } : {}),
  };
}

function toFeedback(row: FeedbackRow): Feedback {
  const reason = FeedbackReason.safeParse(row.reason);
  return {
    id: row.id,
    target: { kind: row.target_kind, id: row.target_id },
    verdict: row.verdict,
    reason: reason.success ? reason.data : null,
    note: row.note,
    lead: { emailHash: row.email_hash, segments: segmentsOf(row) },
    rep: { name: row.rep_name },
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
    withdrawnAt: row.withdrawn_at,
  };
}

const DIMENSIONS: readonly SegmentDimension[] = ['industry', 'persona', 'region'];

export function createFeedbackStore(db: Db) {
  const byId = db.prepare<[string], FeedbackRow>('SELECT * FROM feedback WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO feedback (id, target_kind, target_id, verdict, reason, note, email_hash, industry, persona, region,
       rep_token_id, rep_name, occurred_at, occurred_ms, received_at, input_json)
     VALUES (@id, @target_kind, @target_id, @verdict, @reason, @note, @email_hash, @industry, @persona, @region,
       @rep_token_id, @rep_name, @occurred_at, @occurred_ms, @received_at, @input_json)`,
  );
  const withdraw = db.prepare<[string, string]>(
    'UPDATE feedback SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL',
  );
  const talliesOf = db.prepare<
    [string, string, string],
    { target_id: string; dimension: 'all' | SegmentDimension; value: string; landed: number; didnt_land: number }
  >(
    `SELECT target_id, dimension, value, landed, didnt_land FROM feedback_tallies
     WHERE target_kind = 'talkingPoint' AND (landed > 0 OR didnt_land > 0) AND (
       dimension = 'all' OR (dimension = 'industry' AND value = ?) OR (dimension = 'persona' AND value = ?)
       OR (dimension = 'region' AND value = ?))`,
  );

  /** Counts this connection's verdict writes, so caches of the tallies know when to reload. */
  let writes = 0;

  return {
    /** How many verdicts this store has written or withdrawn (other processes: see `cache/lookup-cache.ts`). */
    writes: (): number => writes,
    get(id: string): StoredFeedback | null {
      const row = byId.get(id);
      return row ? { feedback: toFeedback(row), repTokenId: row.rep_token_id, inputJson: row.input_json } : null;
    },
    insert(
      input: FeedbackInput,
      context: { segments: Segments; repTokenId: string; repName: string; now: string },
    ): Feedback {
      const at = new Date(input.occurredAt);
      const row: Omit<FeedbackRow, 'withdrawn_at'> = {
        id: input.id,
        target_kind: input.target.kind,
        target_id: input.target.id,
        verdict: input.verdict,
        reason: input.reason ?? null,
        note: input.note ? input.note : null,
        email_hash: input.lead.emailHash,
        industry: context.segments.industry ?? null,
        persona: context.segments.persona ?? null,
        region: context.segments.region ?? null,
        rep_token_id: context.repTokenId,
        rep_name: context.repName,
        occurred_at: at.toISOString(),
        occurred_ms: at.getTime(),
        received_at: context.now,
        input_json: canonicalFeedback(input),
      };
      insert.run(row);
      writes++;
      // The row as stored, without reading it back: the input was validated at the boundary.
      return toFeedback({ ...row, withdrawn_at: null });
    },
    /** Sets `withdrawnAt` once; withdrawing again changes nothing. */
    withdraw(id: string, now: string): Feedback | null {
      if (withdraw.run(now, id).changes > 0) writes++;
      const row = byId.get(id);
      return row ? toFeedback(row) : null;
    },
    /** Verdicts not withdrawn, newest first (occurredAt, then id), after the keyset `after`. */
    list(query: FeedbackListQuery, after: Keyset | null): FeedbackPage {
      return keysetPage<FeedbackRow, Feedback>(db, {
        table: 'feedback',
        sortColumn: 'occurred_ms',
        filters: [
          ['withdrawn_at IS NULL'],
          query.targetKind ? ['target_kind = ?', query.targetKind] : undefined,
          query.targetId ? ['target_id = ?', query.targetId] : undefined,
          query.verdict ? ['verdict = ?', query.verdict] : undefined,
          query.since ? ['occurred_ms >= ?', Date.parse(query.since)] : undefined,
        ],
        after,
        limit: query.limit,
        toItem: toFeedback,
      });
    },
    /** Every verdict not withdrawn, given at or after `sinceMs`, in the shape the summary needs. */
    verdicts(sinceMs: number | null): VerdictRecord[] {
      const sql = `SELECT target_kind, target_id, verdict, reason, industry, persona, region, occurred_at FROM feedback
        WHERE withdrawn_at IS NULL ${sinceMs === null ? '' : 'AND occurred_ms >= ?'} ORDER BY occurred_ms, id`;
      const rows = db
        .prepare<number[], Omit<FeedbackRow, 'id' | 'note' | 'email_hash'>>(sql)
        .all(...(sinceMs === null ? [] : [sinceMs]));
      return rows.map((r) => {
        const reason = FeedbackReason.safeParse(r.reason);
        return {
          target: { kind: r.target_kind, id: r.target_id },
          verdict: r.verdict,
          reason: reason.success ? reason.data : null,
          segments: segmentsOf(r),
          occurredAt: r.occurred_at,
        };
      });
    },
    /** Tallies of talking-point verdicts: overall, and for the given segment values only. */
    pointTallies(segments: Segments): Map<string, FeedbackTallies> {
      const out = new Map<string, FeedbackTallies>();
      const rows = talliesOf.all(segments.industry ?? '', segments.persona ?? '', segments.region ?? '');
      for (const r of rows) {
        let t = out.get(r.target_id);
        if (!t) {
          t = { all: { landed: 0, didntLand: 0 }, segments: [] };
          out.set(r.target_id, t);
        }
        const tally = { landed: r.landed, didntLand: r.didnt_land };
        if (r.dimension === 'all') t.all = tally;
        else if (DIMENSIONS.includes(r.dimension))
          t.segments.push({ dimension: r.dimension, value: r.value, ...tally });
      }
      return out;
    },
  };
}

export type FeedbackStore = ReturnType<typeof createFeedbackStore>;
