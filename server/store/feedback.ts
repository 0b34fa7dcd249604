import {
  type Feedback,
  type FeedbackInput,
  type FeedbackListQuery,
  type FeedbackPage,
  FeedbackReason,
  type Segments,
} from '../../lib/contract/index.ts';
import type { FeedbackTable } from '../db/tables.ts';
import type { FeedbackTallies, SegmentDimension, VerdictRecord } from '../domain/feedback.ts';
import type { StoreContext } from './context.ts';
import { type Keyset, keysetPage } from './cursor.ts';

/** A row as stored (the table's type in `db/tables.ts`). */
type FeedbackRow = FeedbackTable;

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

/** The segments a row's `industry`, `persona` and `region` columns hold (a lead's or a verdict's). */
export function segmentsOf(row: Pick<FeedbackRow, 'industry' | 'persona' | 'region'>): Segments {
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

function stored(row: FeedbackRow): StoredFeedback {
  return { feedback: toFeedback(row), repTokenId: row.rep_token_id, inputJson: row.input_json };
}

/** A verdict to store, with what the endpoint adds: the lead's segments now, the rep, the time received. */
export interface NewVerdict {
  input: FeedbackInput;
  segments: Segments;
  repTokenId: string;
  repName: string;
  now: string;
}

function toRow(v: NewVerdict): Omit<FeedbackRow, 'withdrawn_at'> {
  const { input } = v;
  const at = new Date(input.occurredAt);
  return {
    id: input.id,
    target_kind: input.target.kind,
    target_id: input.target.id,
    verdict: input.verdict,
    reason: input.reason ?? null,
    note: input.note ? input.note : null,
    email_hash: input.lead.emailHash,
    industry: v.segments.industry ?? null,
    persona: v.segments.persona ?? null,
    region: v.segments.region ?? null,
    rep_token_id: v.repTokenId,
    rep_name: v.repName,
    occurred_at: at.toISOString(),
    occurred_ms: at.getTime(),
    received_at: v.now,
    input_json: canonicalFeedback(input),
  };
}

const DIMENSIONS: readonly SegmentDimension[] = ['industry', 'persona', 'region'];

export function createFeedbackStore(ctx: StoreContext) {
  async function byId(id: string): Promise<FeedbackRow | undefined> {
    return ctx.db.selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirst();
  }

  return {
    /**
     * Call first in a transaction that writes or withdraws verdicts. Their triggers update the
     * tallies of the verdict's target and then the one `feedback` mark; two instances' batches that
     * took those rows in different orders deadlocked (each then waits out PostgreSQL's 1 s deadlock
     * check). Taking the mark first orders every such transaction behind it. SQLite has one writer
     * at a time already.
     */
    async lockForWrites(): Promise<void> {
      if (ctx.engine !== 'postgres') return;
      await ctx.db.selectFrom('store_marks').select('n').where('name', '=', 'feedback').forUpdate().execute();
    },
    async get(id: string): Promise<StoredFeedback | null> {
      const row = await byId(id);
      return row ? stored(row) : null;
    },
    /** The stored verdicts among `ids`, by id. */
    async getMany(ids: readonly string[]): Promise<Map<string, StoredFeedback>> {
      const out = new Map<string, StoredFeedback>();
      if (ids.length === 0) return out;
      const rows = await ctx.db.selectFrom('feedback').selectAll().where('id', 'in', ids).execute();
      for (const row of rows) out.set(row.id, stored(row));
      return out;
    },
    /**
     * Stores new verdicts in one statement; answers those it stored, by id. One whose id is already
     * stored (committed meanwhile by another request or instance) is left out: the first copy wins,
     * and the caller compares it, as for a resend.
     */
    async insertMany(verdicts: readonly NewVerdict[]): Promise<Map<string, Feedback>> {
      const out = new Map<string, Feedback>();
      if (verdicts.length === 0) return out;
      const rows = verdicts.map(toRow);
      const written = await ctx.db
        .insertInto('feedback')
        .values(rows)
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute();
      const ids = new Set(written.map((w) => w.id));
      // The rows as stored, without reading them back: the input was validated at the boundary.
      for (const row of rows) if (ids.has(row.id)) out.set(row.id, toFeedback({ ...row, withdrawn_at: null }));
      return out;
    },
    /** One verdict: as `insertMany`; null when one with this id is already stored. */
    async insert(input: FeedbackInput, context: Omit<NewVerdict, 'input'>): Promise<Feedback | null> {
      return (await this.insertMany([{ input, ...context }])).get(input.id) ?? null;
    },
    /** Sets `withdrawnAt` once; withdrawing again changes nothing. */
    async withdraw(id: string, now: string): Promise<Feedback | null> {
      await ctx.db
        .updateTable('feedback')
        .set({ withdrawn_at: now })
        .where('id', '=', id)
        .where('withdrawn_at', 'is', null)
        .execute();
      const row = await byId(id);
      return row ? toFeedback(row) : null;
    },
    /** Verdicts not withdrawn, newest first (occurredAt, then id), after the keyset `after`. */
    async list(query: FeedbackListQuery, after: Keyset | null): Promise<FeedbackPage> {
      const { targetKind, targetId, verdict, since } = query;
      return keysetPage(ctx.db, {
        table: 'feedback',
        sortColumn: 'occurred_ms',
        filters: [
          (eb) => eb('withdrawn_at', 'is', null),
          targetKind ? (eb) => eb('target_kind', '=', targetKind) : undefined,
          targetId ? (eb) => eb('target_id', '=', targetId) : undefined,
          verdict ? (eb) => eb('verdict', '=', verdict) : undefined,
          since ? (eb) => eb('occurred_ms', '>=', Date.parse(since)) : undefined,
        ],
        after,
        limit: query.limit,
        toItem: toFeedback,
      });
    },
    /** Every verdict not withdrawn, given at or after `sinceMs`, in the shape the summary needs. */
    async verdicts(sinceMs: number | null): Promise<VerdictRecord[]> {
      let q = ctx.db
        .selectFrom('feedback')
        .select(['target_kind', 'target_id', 'verdict', 'reason', 'industry', 'persona', 'region', 'occurred_at'])
        .where('withdrawn_at', 'is', null);
      if (sinceMs !== null) q = q.where('occurred_ms', '>=', sinceMs);
      const rows = await q.orderBy('occurred_ms').orderBy('id').execute();
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
    async pointTallies(segments: Segments): Promise<Map<string, FeedbackTallies>> {
      const out = new Map<string, FeedbackTallies>();
      const rows = await ctx.db
        .selectFrom('feedback_tallies')
        .select(['target_id', 'dimension', 'value', 'landed', 'didnt_land'])
        .where('target_kind', '=', 'talkingPoint')
        .where((eb) => eb.or([eb('landed', '>', 0), eb('didnt_land', '>', 0)]))
        .where((eb) =>
          eb.or([
            eb('dimension', '=', 'all'),
            eb.and([eb('dimension', '=', 'industry'), eb('value', '=', segments.industry ?? '')]),
            eb.and([eb('dimension', '=', 'persona'), eb('value', '=', segments.persona ?? '')]),
            eb.and([eb('dimension', '=', 'region'), eb('value', '=', segments.region ?? '')]),
          ]),
        )
        .execute();
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
