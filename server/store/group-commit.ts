import type { Db } from '../db/open.ts';

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Group commit: jobs handed to `run` in the same turn of the event loop are written in one
 * transaction, flushed from `setImmediate` (after the I/O callbacks that queued them). Each job runs
 * in its own savepoint, so one that throws rolls back alone and rejects alone; the others commit.
 * Promises settle only after the commit, so a response is never sent for a write that is not yet
 * in the WAL. A failed commit rejects every job of the batch. The transaction is `BEGIN IMMEDIATE`:
 * with several worker processes writing, it waits for the write lock (busy_timeout) up front
 * instead of failing to upgrade a read snapshot another worker has moved past.
 */
export function createGroupCommit(db: Db, { maxBatch = 512 }: { maxBatch?: number } = {}) {
  const queue: { job: () => unknown; settle: (r: Settled<unknown>) => void }[] = [];
  let scheduled = false;
  let batches = 0;
  // Waiting for another process's write lock must not stall this event loop (lookups keep being
  // served meanwhile): BEGIN IMMEDIATE is tried with busy_timeout 0 and retried from a timer, up to
  // the connection's own busy_timeout; after that the batch waits in SQLite like any other write.
  const busyTimeout = Number(db.pragma('busy_timeout', { simple: true })) || 0;
  let waitingSince: number | null = null;
  let retryDelay = 1;

  function flush(): void {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    if (batch.length === 0) return;
    const results: Settled<unknown>[] = [];
    const blocking = waitingSince !== null && Date.now() - waitingSince >= busyTimeout;
    let began = false;
    if (!blocking) db.pragma('busy_timeout = 0');
    try {
      db.transaction(() => {
        began = true;
        if (!blocking) db.pragma(`busy_timeout = ${busyTimeout}`);
        for (const { job } of batch) {
          try {
            results.push({ ok: true, value: db.transaction(job)() });
          } catch (error) {
            results.push({ ok: false, error });
          }
        }
      }).immediate();
    } catch (error) {
      if (!began) {
        if (!blocking) db.pragma(`busy_timeout = ${busyTimeout}`);
        if ((error as { code?: string }).code === 'SQLITE_BUSY') {
          // Another process holds the write lock: put the batch back (later arrivals join it) and retry.
          queue.unshift(...batch);
          waitingSince ??= Date.now();
          setTimeout(flush, retryDelay);
          retryDelay = Math.min(retryDelay * 2, 8);
          scheduled = true;
          return;
        }
      }
      waitingSince = null;
      retryDelay = 1;
      for (const item of batch) item.settle({ ok: false, error });
      if (queue.length > 0) schedule();
      return;
    }
    waitingSince = null;
    retryDelay = 1;
    batches++;
    for (const [i, item] of batch.entries()) item.settle(results[i] ?? { ok: false, error: new Error('job lost') });
    if (queue.length > 0) schedule();
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  }

  return {
    /** Runs `job` inside the next group transaction; resolves with its result once that commits. */
    run<T>(job: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({
          job,
          settle: (r) => (r.ok ? resolve(r.value as T) : reject(r.error)),
        });
        schedule();
      });
    },
    /** Transactions committed so far (tests and benchmarks). */
    batches: (): number => batches,
  };
}

export type GroupCommit = ReturnType<typeof createGroupCommit>;
