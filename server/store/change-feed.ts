import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Tables } from '../db/tables.ts';
import { createSerialPoll } from './serial-poll.ts';

export type ChangeListener = () => void;

/**
 * Tells this process's listeners (open streams, the lookup cache) when the change feed's newest
 * cursor moves, whoever wrote the change: this process, another instance on the same PostgreSQL, a
 * worker on the same SQLite file, or the CLI. The newest cursor is read again soon after a local
 * commit that appended a change (`hint`), and every `pollMs` for everyone else's; listeners then read
 * what they need, which is committed by then.
 */
export function createChangeFeed(db: Kysely<Tables>, { pollMs = 250 }: { pollMs?: number } = {}) {
  const listeners = new Set<ChangeListener>();
  let known: number | null = null;

  async function latest(): Promise<number> {
    const row = await db.selectFrom('changes').select(sql<number | null>`max(cursor)`.as('cursor')).executeTakeFirst();
    return Number(row?.cursor ?? 0);
  }

  async function check(): Promise<void> {
    const cursor = await latest().catch(() => known);
    if (cursor === null) return;
    const moved = known !== null && cursor !== known;
    known = cursor;
    if (moved) for (const listener of listeners) listener();
  }

  const poll = createSerialPoll(check, pollMs);

  return {
    latest,
    /** A local write appended a change: look again now (and again after its commit), if anyone listens. */
    hint(): void {
      if (listeners.size > 0) poll.run();
    },
    subscribe(listener: ChangeListener): () => void {
      listeners.add(listener);
      if (known === null) poll.run();
      poll.start();
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        known = null;
        poll.stop();
      };
    },
    /** Stops polling (the store is closing). */
    stop(): void {
      listeners.clear();
      poll.stop();
    },
  };
}

export type ChangeFeed = ReturnType<typeof createChangeFeed>;
