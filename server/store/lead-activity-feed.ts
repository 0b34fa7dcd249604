import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { LeadEngagement } from '../../lib/contract/index.ts';
import type { Tables } from '../db/tables.ts';
import { createSerialPoll } from './serial-poll.ts';

export type LeadActivityListener = (activity: readonly LeadEngagement[]) => void;

/** Rows read per query; a busier poll reads page after page. */
const PAGE = 1_000;

/**
 * Hands this process's listeners (open streams) each lead activity row written after they
 * subscribed, whoever wrote it: this process, another instance on the same PostgreSQL, or a worker on
 * the same SQLite file. One reader per process, however many streams listen: it reads rows after
 * the last cursor it saw soon after a local commit (`hint`) and every `pollMs`, and gives each read's
 * leads once, with their newest time. Cursors commit in order (store/lead-activity.ts), so reading
 * `cursor > last` misses none.
 */
export function createLeadActivityFeed(db: Kysely<Tables>, { pollMs = 250 }: { pollMs?: number } = {}) {
  const listeners = new Set<LeadActivityListener>();
  let known: number | null = null;
  let starting: Promise<void> | null = null;

  async function newest(): Promise<number> {
    const row = await db
      .selectFrom('lead_activity')
      .select(sql<number | null>`max(cursor)`.as('cursor'))
      .executeTakeFirst();
    return Number(row?.cursor ?? 0);
  }

  /** Listeners are given what is written after this: the newest cursor when the first one came. */
  function start(): Promise<void> {
    starting ??= newest().then(
      (cursor) => {
        known ??= cursor;
      },
      () => {
        starting = null;
      },
    );
    return starting;
  }

  async function check(): Promise<void> {
    if (known === null) return start();
    for (;;) {
      const after: number = known;
      const rows = await db
        .selectFrom('lead_activity')
        .select(['cursor', 'email_hash', 'at'])
        .where('cursor', '>', after)
        .orderBy('cursor')
        .limit(PAGE)
        .execute();
      const last = rows.at(-1);
      if (!last || listeners.size === 0) return;
      known = Number(last.cursor);
      const newestAt = new Map<string, string>();
      for (const row of rows) newestAt.set(row.email_hash, row.at);
      const activity = [...newestAt].map(([emailHash, at]) => ({ emailHash, at }));
      for (const listener of listeners) listener(activity);
      if (rows.length < PAGE) return;
    }
  }

  const poll = createSerialPoll(check, pollMs);

  return {
    /** A local transaction wrote lead activity and committed: read it now, if anyone listens. */
    hint(): void {
      if (listeners.size > 0) poll.run();
    },
    /** `listener` is given what is written from about now; `ready` resolves once "now" is known. */
    subscribe(listener: LeadActivityListener): { ready: Promise<void>; unsubscribe: () => void } {
      listeners.add(listener);
      const ready = start();
      poll.start();
      const unsubscribe = () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        known = null;
        starting = null;
        poll.stop();
      };
      return { ready, unsubscribe };
    },
    /** Stops polling (the store is closing). */
    stop(): void {
      listeners.clear();
      poll.stop();
    },
  };
}

export type LeadActivityFeed = ReturnType<typeof createLeadActivityFeed>;
