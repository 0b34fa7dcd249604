import type { ControlledTransaction } from 'kysely';
import type { Tables } from '../db/tables.ts';
import { type Stores, storesOn } from './index.ts';

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** PostgreSQL's deadlock and serialization failures: the batch lost a race with another writer. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 4;

export const retryable = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && RETRYABLE.has(String((error as { code?: unknown }).code));

/**
 * Writes one batch inside the open transaction `trx` (`tx`: the stores bound to it) and gives each
 * item's result in order. `last` is true on the final attempt (see `createBatchCommit`).
 */
export type BatchWriter<I, O> = (
  tx: Stores,
  trx: ControlledTransaction<Tables>,
  items: readonly I[],
  last: boolean,
) => Promise<Settled<O>[]>;

/**
 * Items handed to `submit` in the same turn of the event loop are written in one transaction by
 * `writeBatch`, flushed from `setImmediate` (after the I/O callbacks that queued them). Promises
 * settle only after the commit, so a response is never sent for a write that is not yet durable. A
 * failed commit rejects every item of the batch. One batch is written at a time; items queued
 * meanwhile form the next one. On PostgreSQL a batch that hits a deadlock or serialization failure is
 * rolled back and written again whole, so `writeBatch` must do nothing but reads and writes on `tx`.
 */
export function createBatchCommit<I, O>(
  store: Stores,
  writeBatch: BatchWriter<I, O>,
  { maxBatch = 512 }: { maxBatch?: number } = {},
) {
  const queue: { item: I; settle: (r: Settled<O>) => void }[] = [];
  let scheduled = false;
  let writing = false;
  let batches = 0;

  async function write(items: readonly I[], last: boolean): Promise<Settled<O>[]> {
    const trx = await store.database.kysely.startTransaction().execute();
    try {
      const results = await writeBatch(storesOn(store, trx), trx, items, last);
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

  async function writeRetrying(items: readonly I[]): Promise<Settled<O>[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write(items, attempt >= ATTEMPTS);
      } catch (error) {
        if (attempt >= ATTEMPTS || store.engine !== 'postgres' || !retryable(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * (2 + Math.random() * 3)));
      }
    }
  }

  /** Writes the next batch and settles its items; never throws. */
  async function flush(): Promise<void> {
    const batch = queue.splice(0, maxBatch);
    let results: Settled<O>[];
    try {
      results = await writeRetrying(batch.map((b) => b.item));
    } catch (error) {
      for (const b of batch) b.settle({ ok: false, error });
      return;
    }
    batches++;
    store.feed.hint();
    for (const [i, b] of batch.entries()) b.settle(results[i] ?? { ok: false, error: new Error('item lost') });
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
    /** Writes `item` with the next batch; resolves with its result once that batch commits. */
    submit(item: I): Promise<O> {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, settle: (r) => (r.ok ? resolve(r.value) : reject(r.error)) });
        schedule();
      });
    },
    /** Transactions committed so far (tests and benchmarks). */
    batches: (): number => batches,
  };
}
