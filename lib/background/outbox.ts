// The feedback outbox. A verdict is in IndexedDB (transaction done) before the rep is told
// "queued"; it is sent with its id as idempotency key, retried with backoff, and a refusal is kept
// for the rep to see. Nothing here lives only in memory: a killed worker resumes from the store.
// A rep's uses (a point copied or inserted, a call to action opened) travel the same way, in oldest
// first order with the verdicts, but the rep never sees them: sent, they are gone; refused for what
// they say, they are dropped.
import type { FeedbackInput } from '../contract/feedback.ts';
import { routes } from '../contract/routes.ts';
import type { UsageInput } from '../contract/usage.ts';
import type { FeedbackView } from '../messages.ts';
import { openDb, type StoredUse, type StoredVerdict } from '../store/db.ts';
import { type Credentials, callEndpoint, EndpointError } from './api.ts';
import { isRetryable, retryDelay } from './backoff.ts';

export const UNDO_WINDOW_MS = 60_000;
/** Sent verdicts are kept this long so the sidebar can show them; then they are the endpoint's alone. */
const KEEP_SENT_MS = 30 * 24 * 60 * 60_000;

export async function enqueue(input: FeedbackInput, now = Date.now()): Promise<StoredVerdict> {
  const verdict: StoredVerdict = {
    id: input.id,
    input,
    status: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    undoUntil: now + UNDO_WINDOW_MS,
  };
  const db = await openDb();
  const tx = db.transaction('verdicts', 'readwrite');
  await tx.store.put(verdict);
  await tx.done;
  return verdict;
}

/**
 * A use, on disk before this returns. Its id was made when the rep acted, so hearing of the same use
 * twice still queues one, and a resend after a crash is a duplicate the endpoint absorbs.
 */
export async function enqueueUse(input: UsageInput, now = Date.now()): Promise<void> {
  const db = await openDb();
  const tx = db.transaction('uses', 'readwrite');
  if (!(await tx.store.get(input.id))) {
    await tx.store.put({ id: input.id, input, attempts: 0, nextAttemptAt: now, createdAt: now });
  }
  await tx.done;
}

export type UndoResult = 'removed' | 'withdrawing' | 'too-late' | 'unknown';

/** A queued verdict never leaves the browser; a sent one is withdrawn on the endpoint. */
export async function undo(id: string, now = Date.now()): Promise<UndoResult> {
  const db = await openDb();
  const tx = db.transaction('verdicts', 'readwrite');
  const verdict = await tx.store.get(id);
  let result: UndoResult = 'unknown';
  if (verdict && now > verdict.undoUntil) result = 'too-late';
  else if (verdict && (verdict.status === 'queued' || verdict.status === 'failed')) {
    await tx.store.delete(id);
    result = 'removed';
  } else if (verdict) {
    await tx.store.put({ ...verdict, status: 'withdrawing', attempts: 0, nextAttemptAt: now });
    result = 'withdrawing';
  }
  await tx.done;
  return result;
}

export async function resend(id: string, now = Date.now()): Promise<void> {
  const db = await openDb();
  const verdict = await db.get('verdicts', id);
  if (verdict?.status !== 'failed') return;
  const { failure: _dropped, ...rest } = verdict;
  await db.put('verdicts', { ...rest, status: 'queued', attempts: 0, nextAttemptAt: now });
}

/** Only on the rep's explicit choice, from the couldn't-send list. */
export async function discard(id: string): Promise<void> {
  const db = await openDb();
  const verdict = await db.get('verdicts', id);
  if (verdict?.status === 'failed') await db.delete('verdicts', id);
}

export async function verdictsForLead(emailHash: string): Promise<FeedbackView[]> {
  const db = await openDb();
  const verdicts = await db.getAllFromIndex('verdicts', 'leadHash', emailHash);
  return verdicts
    .filter((verdict) => verdict.status !== 'withdrawing')
    .sort((a, b) => b.createdAt - a.createdAt)
    .map(toView);
}

export async function failedVerdicts(): Promise<FeedbackView[]> {
  const db = await openDb();
  return (await db.getAllFromIndex('verdicts', 'status', 'failed')).map(toView);
}

export async function pendingCount(): Promise<number> {
  const db = await openDb();
  return (
    (await db.countFromIndex('verdicts', 'status', 'queued')) +
    (await db.countFromIndex('verdicts', 'status', 'withdrawing'))
  );
}

function toView(verdict: StoredVerdict): FeedbackView {
  const { id, input, status, failure, undoUntil } = verdict;
  return {
    id,
    target: input.target,
    verdict: input.verdict,
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.note ? { note: input.note } : {}),
    status: status === 'withdrawing' ? 'sent' : status,
    ...(failure ? { failure } : {}),
    undoUntil,
  };
}

export interface FlushResult {
  /** Verdicts and uses the endpoint took in this run (withdrawals not counted). */
  sent: number;
  /** Epoch ms of the earliest item still waiting, for the alarm; undefined when none waits. */
  nextAttemptAt: number | undefined;
}

let flushing: Promise<FlushResult> | undefined;

/** Sends every due item once. Concurrent calls share one run, so an item is never in flight twice. */
export function flush(credentials: Credentials, now: () => number = Date.now): Promise<FlushResult> {
  flushing ??= flushOnce(credentials, now).finally(() => {
    flushing = undefined;
  });
  return flushing;
}

type Waiting = { kind: 'verdict'; item: StoredVerdict } | { kind: 'use'; item: StoredUse };

/** Everything still to go, verdicts (given or taken back) and uses, oldest first. */
async function waitingItems(): Promise<Waiting[]> {
  const db = await openDb();
  const verdicts = [
    ...(await db.getAllFromIndex('verdicts', 'status', 'queued')),
    ...(await db.getAllFromIndex('verdicts', 'status', 'withdrawing')),
  ];
  return [
    ...verdicts.map((item): Waiting => ({ kind: 'verdict', item })),
    ...(await db.getAll('uses')).map((item): Waiting => ({ kind: 'use', item })),
  ].sort((a, b) => a.item.createdAt - b.item.createdAt);
}

async function send(credentials: Credentials, waiting: Waiting): Promise<void> {
  const db = await openDb();
  if (waiting.kind === 'use') {
    await callEndpoint(credentials, routes.recordUsage, { body: waiting.item.input });
    await db.delete('uses', waiting.item.id);
    return;
  }
  const verdict = waiting.item;
  if (verdict.status === 'withdrawing') {
    await callEndpoint(credentials, routes.withdrawFeedback, { params: { id: verdict.id } }).catch(unlessGone);
    await db.delete('verdicts', verdict.id);
  } else {
    await callEndpoint(credentials, routes.giveFeedback, { body: verdict.input });
    await db.put('verdicts', { ...verdict, status: 'sent', attempts: verdict.attempts + 1 });
  }
}

/** Puts an item back to wait until `nextAttemptAt`. */
async function later(waiting: Waiting, nextAttemptAt: number): Promise<void> {
  const db = await openDb();
  const attempts = waiting.item.attempts + 1;
  if (waiting.kind === 'use') await db.put('uses', { ...waiting.item, attempts, nextAttemptAt });
  else await db.put('verdicts', { ...waiting.item, attempts, nextAttemptAt });
}

/**
 * The endpoint refused the item for good. A verdict goes to the couldn't-send list for the rep. A use
 * the rep could not change is dropped, except a refused token: that use waits for the rep's next
 * token (signing out clears the outbox).
 */
async function refused(waiting: Waiting, status: number | null, message: string, nextAttemptAt: number): Promise<void> {
  const db = await openDb();
  if (waiting.kind === 'verdict') {
    const verdict = waiting.item;
    await db.put('verdicts', { ...verdict, status: 'failed', attempts: verdict.attempts + 1, failure: message });
  } else if (status === 401 || status === 403) await later(waiting, nextAttemptAt);
  else await db.delete('uses', waiting.item.id);
}

async function flushOnce(credentials: Credentials, now: () => number): Promise<FlushResult> {
  let sent = 0;
  /** Set when the endpoint is down or busy: the earliest time any item may succeed. */
  let blockedUntil: number | undefined;
  for (const waiting of await waitingItems()) {
    if (waiting.item.nextAttemptAt > now() || blockedUntil !== undefined) continue;
    try {
      await send(credentials, waiting);
      if (waiting.kind === 'use' || waiting.item.status !== 'withdrawing') sent += 1;
    } catch (error) {
      const status = error instanceof EndpointError ? error.status : null;
      const message = error instanceof Error ? error.message : 'The endpoint did not take it.';
      const retryAfter = error instanceof EndpointError ? error.retryAfterMs : undefined;
      const nextAttemptAt = now() + retryDelay(waiting.item.attempts + 1, retryAfter);
      if (isRetryable(status)) {
        await later(waiting, nextAttemptAt);
        // The endpoint is down or busy: the rest would fail the same way, so they wait with this one.
        blockedUntil = nextAttemptAt;
      } else {
        await refused(waiting, status, message, nextAttemptAt);
      }
    }
  }
  await pruneSent(now());
  const still = await waitingItems();
  const earliest = still.length ? Math.min(...still.map((waiting) => waiting.item.nextAttemptAt)) : undefined;
  const nextAttemptAt = earliest === undefined ? undefined : Math.max(earliest, blockedUntil ?? earliest);
  return { sent, nextAttemptAt };
}

/** A withdrawal the endpoint took (whatever it answered with) or that found the verdict already gone is done. */
function unlessGone(error: unknown): void {
  const status = error instanceof EndpointError ? error.status : null;
  if (status === 404 || (status !== null && status >= 200 && status < 300)) return;
  throw error;
}

async function pruneSent(now: number): Promise<void> {
  const db = await openDb();
  for (const verdict of await db.getAllFromIndex('verdicts', 'status', 'sent')) {
    if (now - verdict.createdAt > KEEP_SENT_MS) await db.delete('verdicts', verdict.id);
  }
}

/** Verdicts and uses alike: the whole outbox. */
export async function clearOutbox(): Promise<void> {
  const db = await openDb();
  await Promise.all([db.clear('verdicts'), db.clear('uses')]);
}
