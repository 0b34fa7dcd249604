// The feedback outbox. A verdict is in IndexedDB (transaction done) before the rep is told
// "queued"; it is sent with its id as idempotency key, retried with backoff, and a refusal is kept
// for the rep to see. Nothing here lives only in memory: a killed worker resumes from the store.
import type { FeedbackInput } from '../contract/feedback.ts';
import { routes } from '../contract/routes.ts';
import type { FeedbackView } from '../messages.ts';
import { openDb, type StoredVerdict } from '../store/db.ts';
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

async function flushOnce(credentials: Credentials, now: () => number): Promise<FlushResult> {
  const db = await openDb();
  const waiting = [
    ...(await db.getAllFromIndex('verdicts', 'status', 'queued')),
    ...(await db.getAllFromIndex('verdicts', 'status', 'withdrawing')),
  ].sort((a, b) => a.createdAt - b.createdAt);
  let sent = 0;
  /** Set when the endpoint is down or busy: the earliest time any item may succeed. */
  let blockedUntil: number | undefined;
  for (const verdict of waiting) {
    if (verdict.nextAttemptAt > now() || blockedUntil !== undefined) continue;
    try {
      if (verdict.status === 'withdrawing') {
        await callEndpoint(credentials, routes.withdrawFeedback, { params: { id: verdict.id } }).catch(unlessGone);
        await db.delete('verdicts', verdict.id);
      } else {
        await callEndpoint(credentials, routes.giveFeedback, { body: verdict.input });
        await db.put('verdicts', { ...verdict, status: 'sent', attempts: verdict.attempts + 1 });
        sent += 1;
      }
    } catch (error) {
      const status = error instanceof EndpointError ? error.status : null;
      const message = error instanceof Error ? error.message : 'The endpoint did not take it.';
      if (isRetryable(status)) {
        const attempts = verdict.attempts + 1;
        const retryAfter = error instanceof EndpointError ? error.retryAfterMs : undefined;
        const nextAttemptAt = now() + retryDelay(attempts, retryAfter);
        await db.put('verdicts', { ...verdict, attempts, nextAttemptAt });
        // The endpoint is down or busy: the rest would fail the same way, so they wait with this one.
        blockedUntil = nextAttemptAt;
      } else {
        await db.put('verdicts', { ...verdict, status: 'failed', attempts: verdict.attempts + 1, failure: message });
      }
    }
  }
  await pruneSent(now());
  const still = [
    ...(await db.getAllFromIndex('verdicts', 'status', 'queued')),
    ...(await db.getAllFromIndex('verdicts', 'status', 'withdrawing')),
  ];
  const earliest = still.length ? Math.min(...still.map((verdict) => verdict.nextAttemptAt)) : undefined;
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

export async function clearVerdicts(): Promise<void> {
  const db = await openDb();
  await db.clear('verdicts');
}
