import { type Logger, redact } from '../log.ts';
import type { Store } from '../store/index.ts';
import type { InboxRow } from '../store/sources.ts';
import { MAP_BATCH, type MapTally, mapRows } from './map-inbox.ts';

/** How often a mapper looks at the inbox without being woken: other instances' pushes, a crash's leftovers, retries. */
export const MAP_EVERY_MS = 1_000;
/** The longest a row whose mapping keeps failing waits between attempts. */
const MAX_RETRY_MS = 5 * 60_000;
/** Pending rows read per query. */
const SCAN = 500;
/**
 * How long the mapper waits, between two transactions, for pushes in flight in this process to be
 * answered: answers first, but under a flood of pushes mapping still gets a third of the time.
 */
const GIVE_WAY_MS = 20;

export interface InboxMapper {
  /** Asks for a pass now (a push was just written to the inbox); cheap to call often. */
  wake(): void;
  /** Runs a push's handling; while any runs, the mapper gives way between its transactions. */
  during<T>(work: () => Promise<T>): Promise<T>;
  /** Stops after the batch in hand; resolves once it is done. */
  stop(): Promise<void>;
}

type PassTally = MapTally & { failed: number };

export const logMappingError = (logger: Logger) => (row: InboxRow, error: unknown) =>
  logger.error(
    `error mapping inbox row ${row.id} of ${row.sourceId}: ${redact(error instanceof Error ? error.message : String(error))}; it stays in the inbox and is retried`,
  );

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Maps the inbox behind the pushes' answers, in every `serve` process: a pass maps every `new` row
 * (oldest first, `MAP_BATCH` per transaction) when woken after a push, every `everyMs`, and once at
 * start for what an earlier process left. Between transactions it gives way to pushes in flight. A row whose mapping fails is retried by later passes after
 * a wait that doubles from `everyMs` up to 5 minutes (kept in this process: another instance keeps its
 * own). Several mappers may look at the same rows; `mapRows` maps each row once.
 */
export function startInboxMapper(
  store: Store,
  deps: { now: () => string; logger: Logger; everyMs?: number; signal?: AbortSignal },
): InboxMapper {
  const everyMs = deps.everyMs ?? MAP_EVERY_MS;
  const retries = new Map<number, { attempts: number; dueAt: number }>();
  const log = logMappingError(deps.logger);
  let stopped = false;
  let woken = false;
  let alarm: (() => void) | null = null;
  let inFlight = 0;
  let answered: (() => void) | null = null;

  /** Lets waiting I/O in, then waits (up to `GIVE_WAY_MS`) until no push is in flight. */
  const giveWay = async () => {
    await nextTick();
    if (inFlight === 0 || stopped) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        answered = null;
        resolve();
      };
      const timer = setTimeout(done, GIVE_WAY_MS);
      answered = done;
    });
  };

  const rest = () =>
    new Promise<void>((resolve) => {
      const ring = () => {
        clearTimeout(timer);
        alarm = null;
        resolve();
      };
      const timer = setTimeout(ring, everyMs);
      timer.unref();
      alarm = ring;
    });

  async function mapBatch(batch: InboxRow[], total: PassTally): Promise<void> {
    const failed = new Set<number>();
    const onError = (row: InboxRow, error: unknown) => {
      failed.add(row.id);
      const attempts = (retries.get(row.id)?.attempts ?? 0) + 1;
      retries.set(row.id, { attempts, dueAt: Date.now() + Math.min(everyMs * 2 ** (attempts - 1), MAX_RETRY_MS) });
      log(row, error);
    };
    const tally = await mapRows(store, batch, deps.now, onError, giveWay);
    for (const row of batch) if (!failed.has(row.id)) retries.delete(row.id);
    for (const k of Object.keys(total) as (keyof PassTally)[]) total[k] += tally[k];
  }

  async function pass(): Promise<PassTally> {
    const total: PassTally = { stored: 0, duplicates: 0, unmapped: 0, skipped: 0, failed: 0 };
    const seen = new Set<number>();
    let afterId = 0;
    for (;;) {
      if (stopped || !store.isOpen()) return total;
      const rows = await store.sources.pending({ afterId, limit: SCAN });
      afterId = rows.at(-1)?.id ?? afterId;
      const due = rows.filter((row) => {
        seen.add(row.id);
        return (retries.get(row.id)?.dueAt ?? 0) <= Date.now();
      });
      for (let i = 0; i < due.length; i += MAP_BATCH) {
        if (stopped || !store.isOpen()) return total;
        await mapBatch(due.slice(i, i + MAP_BATCH), total);
        await giveWay();
      }
      if (rows.length < SCAN) break;
    }
    // Rows no longer pending (mapped elsewhere, or their source removed) need no retry.
    for (const id of retries.keys()) if (!seen.has(id)) retries.delete(id);
    return total;
  }

  async function run(): Promise<void> {
    // A database that stays unreachable is logged once, when passes start failing, and again when one succeeds.
    let failing = false;
    for (let first = true; !stopped && store.isOpen(); first = false) {
      woken = false;
      try {
        const t = await pass();
        if (failing) deps.logger.info('sources: mapping the inbox works again');
        failing = false;
        const mapped = t.stored + t.duplicates + t.unmapped + t.skipped;
        if (first && mapped + t.failed > 0) {
          deps.logger.info(
            `sources: mapped ${mapped} inbox items waiting at start (${t.stored} stored, ${t.unmapped} unmapped, ${t.skipped} skipped, ${t.failed} failed)`,
          );
        }
      } catch (error) {
        if (store.isOpen() && !failing)
          deps.logger.error(
            `error sources: mapping the inbox failed: ${redact(error instanceof Error ? error.message : String(error))}; trying again every ${everyMs} ms`,
          );
        failing = true;
      }
      if (!stopped && !woken) await rest();
    }
  }

  const stop = () => {
    stopped = true;
    alarm?.();
    answered?.();
  };
  deps.signal?.addEventListener('abort', stop, { once: true });
  // The first pass waits a turn, so a server that is closed at once never starts one.
  const running = nextTick().then(run);
  return {
    wake() {
      woken = true;
      alarm?.();
    },
    async during(work) {
      inFlight++;
      try {
        return await work();
      } finally {
        inFlight--;
        if (inFlight === 0) answered?.();
      }
    },
    async stop() {
      stop();
      await running;
    },
  };
}
