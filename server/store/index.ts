import type { Kysely } from 'kysely';
import { type Database, openDatabase, type PostgresOptions } from '../db/connect.ts';
import type { Tables } from '../db/tables.ts';
import type { DbTarget } from '../db/target.ts';
import { type CampaignStore, createCampaignStore } from './campaigns.ts';
import { type ChangeFeed, createChangeFeed } from './change-feed.ts';
import { type ChangeStore, createChangeStore } from './changes.ts';
import type { StoreContext } from './context.ts';
import { createEventStore, type EventStore } from './events.ts';
import { createFeedbackStore, type FeedbackStore } from './feedback.ts';
import { createFunnelStore, type FunnelStore } from './funnel.ts';
import { createStageHistoryStore, type StageHistoryStore } from './funnel-stages.ts';
import { createLeadActivityStore, type LeadActivityStore } from './lead-activity.ts';
import { createLeadActivityFeed, type LeadActivityFeed } from './lead-activity-feed.ts';
import { createLeadStore, type LeadStore } from './leads.ts';
import { createLookupReads, type LookupReads } from './lookup-reads.ts';
import { createNoteReadStore, type NoteReadStore } from './note-reads.ts';
import { createOverviewStore, type OverviewStore } from './overview.ts';
import { createSourceStore, type SourceStore } from './sources.ts';
import { createTalkingPointStore, type TalkingPointStore } from './talking-points.ts';
import { createTokenStore, type TokenStore } from './tokens.ts';
import { createUsageStore, type UsageStore } from './usage.ts';
import { createUsageReads, type UsageReads } from './usage-reads.ts';

export interface Stores {
  database: Database;
  /** The query handle these stores are bound to (the database, or one transaction). */
  db: Kysely<Tables>;
  engine: Database['engine'];
  feed: ChangeFeed;
  /** Tells open streams which leads got new engagement, whoever wrote it. */
  activity: LeadActivityFeed;
  leads: LeadStore;
  /** One lead and the freshness marks in one statement: what a lookup reads first. */
  lookupReads: LookupReads;
  events: EventStore;
  campaigns: CampaignStore;
  talkingPoints: TalkingPointStore;
  changes: ChangeStore;
  /** Which leads got something new through a live path, for open sidebars (not the CLI import). */
  leadActivity: LeadActivityStore;
  feedback: FeedbackStore;
  /** Reps' uses of points and calls to action (copied, inserted, opened). */
  usage: UsageStore;
  /** The console home page's figures and lists. */
  overview: OverviewStore;
  /** Which notes each console reader has read. */
  noteReads: NoteReadStore;
  tokens: TokenStore;
  funnel: FunnelStore;
  stageHistory: StageHistoryStore;
  /** Uses of points and calls to action, and the lead facts Moved forward needs (read side). */
  usageReads: UsageReads;
  /** Connected marketing tools, their inbox and counters. */
  sources: SourceStore;
  /**
   * Runs `fn` in one transaction (all or nothing, and much faster for batches) with the stores
   * bound to it. Inside a transaction already, `fn` joins it.
   */
  transaction<T>(fn: (tx: Stores) => Promise<T>): Promise<T>;
}

/** Every store over one database; `transaction` hands `fn` the same stores bound to one transaction. */
export function createStore(database: Database) {
  const feed = createChangeFeed(database.kysely);
  const activity = createLeadActivityFeed(database.kysely);
  const store = bind(database, { db: database.kysely, engine: database.engine, feed, activity });
  let open = true;
  return {
    ...store,
    isOpen: (): boolean => open,
    /** Closes the database (and stops watching the change feed). */
    async close(): Promise<void> {
      if (!open) return;
      open = false;
      feed.stop();
      activity.stop();
      await database.close();
    },
  };
}

/** `ownTransaction`: `ctx.db` is a transaction `transaction` below opened, and flushes before its commit. */
function bind(database: Database, ctx: StoreContext, ownTransaction = false): Stores {
  const changes = createChangeStore(ctx);
  const store: Stores = {
    database,
    db: ctx.db,
    engine: database.engine,
    feed: ctx.feed,
    activity: ctx.activity,
    leads: createLeadStore(ctx),
    lookupReads: createLookupReads(ctx),
    events: createEventStore(ctx),
    campaigns: createCampaignStore(ctx, changes),
    talkingPoints: createTalkingPointStore(ctx, changes),
    changes,
    leadActivity: createLeadActivityStore(ctx, { deferred: ownTransaction }),
    feedback: createFeedbackStore(ctx),
    usage: createUsageStore(ctx),
    overview: createOverviewStore(ctx),
    noteReads: createNoteReadStore(ctx),
    tokens: createTokenStore(ctx),
    funnel: createFunnelStore(ctx),
    stageHistory: createStageHistoryStore(ctx),
    usageReads: createUsageReads(ctx),
    sources: createSourceStore(ctx),
    async transaction(fn) {
      if (ctx.db.isTransaction) return fn(store);
      const result = await ctx.db.transaction().execute(async (trx) => {
        const tx = bind(database, { ...ctx, db: trx }, true);
        const value = await fn(tx);
        // Last, so the lead activity table's lock is held for its insert and the commit only.
        await tx.leadActivity.flush();
        return value;
      });
      ctx.feed.hint();
      ctx.activity.hint();
      return result;
    },
  };
  return store;
}

export type Store = ReturnType<typeof createStore>;

/** `store`'s stores bound to `db`, an open transaction or savepoint the caller controls (group commit). */
export function storesOn(store: Stores, db: Kysely<Tables>): Stores {
  return bind(store.database, { db, engine: store.engine, feed: store.feed, activity: store.activity });
}

/** Opens the store at a SQLite path or a postgres:// URL, migrated to this version. */
export async function openStore(target: string | DbTarget, options: PostgresOptions = {}): Promise<Store> {
  return createStore(await openDatabase(target, options));
}
