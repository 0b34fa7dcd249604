import { type Stores, storesOn } from './index.ts';

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Pending {
  job: (tx: Stores) => Promise<unknown>;
  settle: (r: Settled<unknown>) => void;
}

/** PostgreSQL's deadlock and serialization failures: the batch lost a race with another writer. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 4;

const retryable = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && RETRYABLE.has(String((error as { code?: unknown }).code));

/**
 * Group commit: jobs handed to `run` in the same turn of the event loop are written in one
 * transaction, flushed from `setImmediate` (after the I/O callbacks that queued them). Each job runs
 * in its own savepoint, one after another, with the stores bound to it (`tx`: a job must use those,
 * never the outer store, which on SQLite would wait for the batch's own connection), so one that
 * throws rolls back alone and rejects alone; the others commit. Promises settle only after the
 * commit, so a response is never sent for a write that is not yet durable. A failed commit rejects
 * every job of the batch. One batch is written at a time; jobs queued meanwhile form the next one.
 * On PostgreSQL a batch that hits a deadlock or serialization failure is rolled back and run again
 * whole, so a job may run more than once: it must do nothing but its reads and writes on `tx`.
 */
export function createGroupCommit(store: Stores, { maxBatch = 512 }: { maxBatch?: number } = {}) {
  const queue: Pending[] = [];
  let scheduled = false;
  let writing = false;
  let batches = 0;

  /**
   * One attempt at the batch: every job's result, once the transaction has committed. Before the
   * last attempt, a job's deadlock fails the whole attempt; on the last, it fails that job alone.
   */
  async function write(batch: readonly Pending[], last: boolean): Promise<Settled<unknown>[]> {
    const trx = await store.database.kysely.startTransaction().execute();
    try {
      const results: Settled<unknown>[] = [];
      for (const { job } of batch) {
        const sp = await trx.savepoint('job').execute();
        try {
          const value = await job(storesOn(store, sp));
          await sp.releaseSavepoint('job').execute();
          results.push({ ok: true, value });
        } catch (error) {
          // The deadlock may be with locks earlier jobs took: only letting go of all of them breaks it.
          if (!last && store.engine === 'postgres' && retryable(error)) throw error;
          await sp.rollbackToSavepoint('job').execute();
          results.push({ ok: false, error });
        }
      }
      await trx.commit().execute();
      return results;
    } catch (error) {
      if (!trx.isCommitted && !trx.isRolledBack) {
        await trx
          .rollback()
          .execute()
          .catch(() => {});
      }
      throw error;
    }
  }

  /** Writes the next batch and settles its jobs; never throws. */
  async function flush(): Promise<void> {
    const batch = queue.splice(0, maxBatch);
    let results: Settled<unknown>[];
    try {
      results = await writeRetrying(batch);
    } catch (error) {
      for (const item of batch) item.settle({ ok: false, error });
      return;
    }
    batches++;
    store.feed.hint();
    for (const [i, item] of batch.entries()) item.settle(results[i] ?? { ok: false, error: new Error('job lost') });
  }

  async function writeRetrying(batch: readonly Pending[]): Promise<Settled<unknown>[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write(batch, attempt >= ATTEMPTS);
      } catch (error) {
        if (attempt >= ATTEMPTS || store.engine !== 'postgres' || !retryable(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * (2 + Math.random() * 3)));
      }
    }
  }

  function schedule(): void {
    if (scheduled || writing) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      writing = true;
      void flush().finally(() => {
        writing = false;
        if (queue.length > 0) schedule();
      });
    });
  }

  return {
    /** Runs `job` inside the next group transaction; resolves with its result once that commits. */
    run<T>(job: (tx: Stores) => Promise<T>): Promise<T> {
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
