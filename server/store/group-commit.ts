import { createBatchCommit, retryable, type Settled } from './batch-commit.ts';
import { type Stores, storesOn } from './index.ts';

type Job = (tx: Stores) => Promise<unknown>;

/**
 * Group commit of arbitrary jobs (see `createBatchCommit` for batching, durability and retries): each
 * job runs in its own savepoint, one after another, with the stores bound to it (`tx`: a job must use
 * those, never the outer store, which on SQLite would wait for the batch's own connection), so one
 * that throws rolls back alone and rejects alone; the others commit. Before the last attempt, a job's
 * deadlock fails the whole attempt (the deadlock may be with locks earlier jobs took: only letting go
 * of all of them breaks it); on the last, it fails that job alone.
 */
export function createGroupCommit(store: Stores, options: { maxBatch?: number } = {}) {
  const commit = createBatchCommit<Job, unknown>(
    store,
    async (_tx, trx, jobs, last) => {
      const results: Settled<unknown>[] = [];
      for (const job of jobs) {
        const sp = await trx.savepoint('job').execute();
        try {
          const value = await job(storesOn(store, sp));
          await sp.releaseSavepoint('job').execute();
          results.push({ ok: true, value });
        } catch (error) {
          if (!last && store.engine === 'postgres' && retryable(error)) throw error;
          await sp.rollbackToSavepoint('job').execute();
          results.push({ ok: false, error });
        }
      }
      return results;
    },
    options,
  );
  return {
    /** Runs `job` inside the next group transaction; resolves with its result once that commits. */
    run: <T>(job: (tx: Stores) => Promise<T>): Promise<T> => commit.submit(job) as Promise<T>,
    batches: commit.batches,
  };
}

export type GroupCommit = ReturnType<typeof createGroupCommit>;
