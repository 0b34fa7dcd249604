import type { Kysely } from 'kysely';
import type { Database } from '../db/connect.ts';
import type { Tables } from '../db/tables.ts';
import type { ChangeFeed } from './change-feed.ts';
import type { LeadActivityFeed } from './lead-activity-feed.ts';

/**
 * What every store is built on: the query handle (the database, or the open transaction when the
 * store was bound to one), the engine (for the few statements the two spell differently) and the
 * process's change and lead activity feeds.
 */
export interface StoreContext {
  db: Kysely<Tables>;
  engine: Database['engine'];
  feed: ChangeFeed;
  activity: LeadActivityFeed;
}

/**
 * Runs `fn` in one transaction: the one `ctx` is bound to, or a new one. A write that must be all or
 * nothing on its own uses this; a caller that already holds a transaction passes its store.
 */
export async function atomically<T>(ctx: StoreContext, fn: (tx: StoreContext) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  const result = await ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
  ctx.feed.hint();
  ctx.activity.hint();
  return result;
}
