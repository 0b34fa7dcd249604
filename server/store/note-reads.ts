import type { Kysely } from 'kysely';
import { FeedbackReason, OVERVIEW_LIST_MAX, type UnreadNote } from '../../lib/contract/index.ts';
import type { Tables } from '../db/tables.ts';
import { atomically, type StoreContext } from './context.ts';

/**
 * Which of the reps' notes (verdicts with a note, not withdrawn) each console reader has read: a
 * "read up to" mark per reader plus the notes read one by one after it (migration 15). A reader is
 * known as reps are in `usage` (`UsageStore.repKeys`): a session's email, else the token's id.
 */
export function createNoteReadStore(ctx: StoreContext) {
  /** Notes `reader` has not read: received after their mark and not read one by one. */
  async function unreadQuery(reader: string) {
    const mark = await ctx.db
      .selectFrom('note_read_marks')
      .select('read_upto')
      .where('reader_key', '=', reader)
      .executeTakeFirst();
    let q = ctx.db
      .selectFrom('feedback as f')
      .where('f.note', 'is not', null)
      .where('f.withdrawn_at', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('note_reads as r')
              .select('r.feedback_id')
              .where('r.reader_key', '=', reader)
              .whereRef('r.feedback_id', '=', 'f.id'),
          ),
        ),
      );
    if (mark) q = q.where('f.received_at', '>', mark.read_upto);
    return q;
  }

  return {
    /** How many notes `reader` has not read, and the newest of them with their target's title. */
    async unread(reader: string): Promise<{ total: number; items: UnreadNote[] }> {
      const base = await unreadQuery(reader);
      const [count, rows] = await Promise.all([
        base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
        base
          .leftJoin('talking_points as tp', (j) =>
            j.onRef('tp.id', '=', 'f.target_id').on('f.target_kind', '=', 'talkingPoint'),
          )
          .leftJoin('campaigns as k', (j) =>
            j.onRef('k.key', '=', 'f.target_id').on('f.target_kind', '=', 'campaignMessage'),
          )
          .select([
            'f.id',
            'f.target_kind',
            'f.target_id',
            'f.verdict',
            'f.reason',
            'f.note',
            'f.rep_name',
            'f.occurred_at',
            'f.received_at',
            'tp.title',
            'k.name',
          ])
          .orderBy('f.received_at', 'desc')
          .orderBy('f.id', 'desc')
          .limit(OVERVIEW_LIST_MAX)
          .execute(),
      ]);
      const items = rows.map((r): UnreadNote => {
        const reason = FeedbackReason.safeParse(r.reason);
        return {
          id: r.id,
          target: { kind: r.target_kind, id: r.target_id },
          title: r.title ?? r.name ?? r.target_id,
          verdict: r.verdict,
          reason: reason.success ? reason.data : null,
          note: r.note ?? '',
          rep: { name: r.rep_name },
          occurredAt: r.occurred_at,
          receivedAt: r.received_at,
        };
      });
      return { total: Number(count?.n ?? 0), items };
    },
    /** Marks these notes read for `reader`; ids that name no note are left out. */
    async markRead(reader: string, ids: readonly string[], now: string): Promise<void> {
      const notes = await ctx.db
        .selectFrom('feedback')
        .select('id')
        .where('id', 'in', ids)
        .where('note', 'is not', null)
        .execute();
      if (notes.length === 0) return;
      await ctx.db
        .insertInto('note_reads')
        .values(notes.map((n) => ({ reader_key: reader, feedback_id: n.id, read_at: now })))
        .onConflict((oc) => oc.columns(['reader_key', 'feedback_id']).doNothing())
        .execute();
    },
    /**
     * Marks every note received at or before `upTo` read for `reader` (the mark only moves forward),
     * and drops their one-by-one reads the mark now covers.
     */
    async markReadUpTo(reader: string, upTo: string, now: string): Promise<void> {
      await atomically(ctx, async (tx) => {
        await moveMark(tx.db, reader, upTo, now);
        await tx.db
          .deleteFrom('note_reads')
          .where('reader_key', '=', reader)
          .where('feedback_id', 'in', (eb) => eb.selectFrom('feedback').select('id').where('received_at', '<=', upTo))
          .execute();
      });
    },
  };
}

async function moveMark(db: Kysely<Tables>, reader: string, upTo: string, now: string): Promise<void> {
  await db
    .insertInto('note_read_marks')
    .values({ reader_key: reader, read_upto: upTo, updated_at: now })
    .onConflict((oc) =>
      oc.column('reader_key').doUpdateSet((eb) => ({
        read_upto: eb
          .case()
          .when('excluded.read_upto', '>', eb.ref('note_read_marks.read_upto'))
          .then(eb.ref('excluded.read_upto'))
          .else(eb.ref('note_read_marks.read_upto'))
          .end(),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export type NoteReadStore = ReturnType<typeof createNoteReadStore>;
