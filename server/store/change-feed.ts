import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Tables } from '../db/tables.ts';

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
  let timer: NodeJS.Timeout | null = null;
  let checking: Promise<void> | null = null;
  let again = false;

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

  /** One check at a time; a hint that arrives during one runs another after it. */
  function schedule(): void {
    if (checking) {
      again = true;
      return;
    }
    checking = check().finally(() => {
      checking = null;
      if (again) {
        again = false;
        schedule();
      }
    });
  }

  function startPolling(): void {
    if (timer || listeners.size === 0) return;
    timer = setInterval(schedule, pollMs);
    timer.unref();
  }

  return {
    latest,
    /** A local write appended a change: look again now (and again after its commit), if anyone listens. */
    hint(): void {
      if (listeners.size > 0) schedule();
    },
    subscribe(listener: ChangeListener): () => void {
      listeners.add(listener);
      if (known === null) schedule();
      startPolling();
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        known = null;
        if (timer) clearInterval(timer);
        timer = null;
      };
    },
    /** Stops polling (the store is closing). */
    stop(): void {
      listeners.clear();
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

export type ChangeFeed = ReturnType<typeof createChangeFeed>;
