import { sql } from 'kysely';
import { atomically, type StoreContext } from './context.ts';

/** Rows are read by streams within a second or so; after this long nobody reads them. */
export const KEEP_ACTIVITY_MS = 10 * 60_000;
/** Event ids per `in (…)` list. */
const CHUNK = 500;

async function write(tx: StoreContext, leads: ReadonlyMap<string, string>): Promise<void> {
  // PostgreSQL hands out identity values before commit, so a stream reading `cursor > last` could
  // pass over a row that commits late. Writers take the table's lock instead, so cursors commit in
  // order (as store/changes.ts does); rather than reading with an overlap and de-duplicating, which
  // re-reads rows all the time and still misses a transaction slower than the overlap. `flush` runs
  // last in its transaction: the lock is held for the insert and the commit only, and its holder
  // waits for no other lock (no deadlock with the lead and event rows other writers hold).
  if (tx.engine === 'postgres') await sql`LOCK TABLE lead_activity IN SHARE ROW EXCLUSIVE MODE`.execute(tx.db);
  const values = [...leads].map(([email_hash, at]) => ({ email_hash, at }));
  const newest = values.reduce((max, v) => (v.at > max ? v.at : max), '');
  // Every write prunes (an index range that holds only what aged out since the last write), relative
  // to the time written rather than this machine's clock: a server on an injected clock keeps its rows.
  const before = new Date(Date.parse(newest) - KEEP_ACTIVITY_MS).toISOString();
  await tx.db.deleteFrom('lead_activity').where('at', '<', before).execute();
  await tx.db.insertInto('lead_activity').values(values).execute();
}

/**
 * Lead activity for open sidebars: which leads got new events or a new profile through a live path
 * (the events route, a source), one row per lead per transaction. Kept apart from `changes`, whose
 * newest cursor keys the lookup cache's catalog (a lead's activity must not reload it). Streams read
 * it through `lead-activity-feed.ts`. Bound to a transaction the store opened (`deferred`), the
 * leads are written when it is about to commit (`flush`); otherwise at once.
 */
export function createLeadActivityStore(ctx: StoreContext, { deferred }: { deferred: boolean }) {
  const pending = new Map<string, string>();

  async function flush(): Promise<void> {
    if (pending.size === 0) return;
    const leads = new Map(pending);
    pending.clear();
    await atomically(ctx, (tx) => write(tx, leads));
  }

  return {
    /** The lead with this hash got something new at `at`. */
    async record(emailHash: string, at: string): Promise<void> {
      pending.set(emailHash, at);
      if (!deferred) await flush();
    },
    /**
     * The leads of those events among `ids` that were stored at `receivedAt` (so now, not by an
     * earlier copy): what a batch brought that is new, whatever the batch held twice.
     */
    async recordStoredEvents(ids: readonly string[], receivedAt: string): Promise<void> {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const rows = await ctx.db
          .selectFrom('events')
          .innerJoin('leads', 'leads.id', 'events.lead_id')
          .select('leads.email_hash')
          .distinct()
          .where('events.id', 'in', ids.slice(i, i + CHUNK))
          .where('events.received_at', '=', receivedAt)
          .execute();
        for (const row of rows) pending.set(row.email_hash, receivedAt);
      }
      if (!deferred) await flush();
    },
    /** Writes what was recorded; the store's `transaction` calls it last, before the commit. */
    flush,
  };
}

export type LeadActivityStore = ReturnType<typeof createLeadActivityStore>;
