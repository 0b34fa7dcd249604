import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type Kysely, sql } from 'kysely';
import type { Tables } from '../db/tables.ts';
import { createStreamSlots, type StreamLimits, type StreamSlot, type StreamSlots } from './stream-slots.ts';

/** An arbitrary constant (the migrations take 7_301_542): every instance counts and registers in turn. */
const STREAM_SLOTS_LOCK = 7_301_543;

export interface SharedSlotTimes {
  /** How often an instance marks the slots it holds as still open. */
  refreshMs: number;
  /** A slot not marked for this long belongs to an instance that died: it no longer counts. */
  staleMs: number;
}

export const SHARED_SLOT_TIMES: SharedSlotTimes = { refreshMs: 10_000, staleMs: 30_000 };

/** The database's clock, so instances on hosts whose clocks disagree still agree on what is stale. */
const nowMs = sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

/**
 * Open streams counted in `stream_slots`, shared by every instance on one PostgreSQL. A stream is
 * registered only while the live slots of its token and in all are under the caps, counted and
 * inserted under one advisory lock; it is deleted when the stream ends and kept marked while open.
 *
 * This process's own count is checked first (it can only be lower than the shared one), so a token
 * flooding one instance is refused without a database round trip. When the database cannot be
 * reached the stream is let through on this process's count alone (`onError` is told).
 */
export function sharedStreamSlots(
  db: Kysely<Tables>,
  limits: StreamLimits,
  onError: (error: unknown) => void,
  times: SharedSlotTimes = SHARED_SLOT_TIMES,
): StreamSlots {
  const local = createStreamSlots(limits);
  const instance = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const held = new Map<string, { tokenId: string; openedAt: string }>();
  let timer: NodeJS.Timeout | null = null;

  /** Inserts the slot if its token and the total are under their caps; else says which is full. */
  function register(id: string, tokenId: string, openedAt: string): Promise<'token' | 'total' | null> {
    return db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${STREAM_SLOTS_LOCK})`.execute(trx);
      await trx.deleteFrom('stream_slots').where('seen_ms', '<', sql<number>`${nowMs} - ${times.staleMs}`).execute();
      const counts = await trx
        .selectFrom('stream_slots')
        .select([
          sql<number>`count(*)`.as('total'),
          sql<number>`count(*) FILTER (WHERE token_id = ${tokenId})`.as('mine'),
        ])
        .executeTakeFirstOrThrow();
      if (Number(counts.mine) >= limits.perToken) return 'token';
      if (Number(counts.total) >= limits.total) return 'total';
      await trx
        .insertInto('stream_slots')
        .values({ id, instance, token_id: tokenId, opened_at: openedAt, seen_ms: nowMs })
        .execute();
      return null;
    });
  }

  /** Marks every held slot as open; one swept meanwhile (the database was away too long) is put back. */
  async function refresh(): Promise<void> {
    if (held.size === 0) return;
    const rows = [...held].map(([id, slot]) => ({
      id,
      instance,
      token_id: slot.tokenId,
      opened_at: slot.openedAt,
      seen_ms: nowMs,
    }));
    await db
      .insertInto('stream_slots')
      .values(rows)
      .onConflict((oc) => oc.column('id').doUpdateSet({ seen_ms: (eb) => eb.ref('excluded.seen_ms') }))
      .execute();
  }

  function keepRefreshing(): void {
    if (timer || held.size === 0) return;
    timer = setInterval(() => refresh().catch(onError), times.refreshMs);
    // Never the reason the process stays up.
    timer.unref();
  }

  function stopRefreshingIfIdle(): void {
    if (held.size > 0 || !timer) return;
    clearInterval(timer);
    timer = null;
  }

  return {
    async acquire(tokenId): Promise<StreamSlot> {
      const mine = local.acquire(tokenId);
      if (!mine.ok) return mine;
      const id = randomUUID();
      const openedAt = new Date().toISOString();
      let full: 'token' | 'total' | null;
      try {
        full = await register(id, tokenId, openedAt);
      } catch (error) {
        onError(error);
        return mine;
      }
      if (full) {
        mine.release();
        return { ok: false, full };
      }
      held.set(id, { tokenId, openedAt });
      keepRefreshing();
      return {
        ok: true,
        release: () => {
          if (!held.delete(id)) return;
          mine.release();
          stopRefreshingIfIdle();
          // A row left behind (the database is away or closing) stops counting once it is stale.
          db.deleteFrom('stream_slots')
            .where('id', '=', id)
            .execute()
            .catch(() => {});
        },
      };
    },
  };
}
