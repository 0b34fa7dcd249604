// The background's clockwork: runs the outbox and follows marketers' changes (and, while the stream
// is open, leads' new engagement: lead-engagement.ts). Triggered by events only (a verdict queued,
// an alarm, browser start-up, the network coming back, a sidebar opening), so it works the same in
// a service worker that was just restarted.
import { browser } from 'wxt/browser';
import type { Change } from '../contract/changes.ts';
import { markAllStale } from './cache.ts';
import { loadConnection } from './connection.ts';
import { onEngagement } from './lead-engagement.ts';
import { pollChanges, startStream, stopStream, streamRunning } from './live.ts';
import { flush } from './outbox.ts';
import { refreshAll, repaintAll } from './refresh.ts';
import { openSidebarCount } from './sidebar-registry.ts';

export const OUTBOX_ALARM = 'outbox';
export const SYNC_ALARM = 'sync';
/** Alarms in packed builds fire no sooner than 30 s; shorter waits also get a timer while the worker lives. */
const ALARM_FLOOR_MS = 30_000;

let retryTimer: ReturnType<typeof setTimeout> | undefined;

export async function runOutbox(): Promise<void> {
  const connection = await loadConnection();
  if (!connection) return;
  const result = await flush(connection);
  await repaintAll();
  if (retryTimer !== undefined) clearTimeout(retryTimer);
  retryTimer = undefined;
  if (result.nextAttemptAt === undefined) {
    await browser.alarms.clear(OUTBOX_ALARM);
    return;
  }
  const wait = Math.max(result.nextAttemptAt - Date.now(), 250);
  await browser.alarms.create(OUTBOX_ALARM, { when: Date.now() + Math.max(wait, ALARM_FLOOR_MS) });
  if (wait < ALARM_FLOOR_MS) retryTimer = setTimeout(() => void runOutbox().catch(() => undefined), wait);
}

let changeTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Any change, whatever its kind (a talking point, a campaign, the funnel's stage definitions, or a
 * kind a later endpoint added), revalidates the open sidebars; a burst costs one revalidation, not one per change.
 */
async function onChanges(_changes: Change[]): Promise<void> {
  await markAllStale();
  if (changeTimer !== undefined) return;
  changeTimer = setTimeout(() => {
    changeTimer = undefined;
    void refreshAll('force').catch(() => undefined);
  }, 150);
}

/** The stream is open exactly while a sidebar is. */
export async function followSidebars(open: number): Promise<void> {
  const connection = await loadConnection();
  if (open > 0 && connection) startStream(connection, onChanges, onEngagement);
  else stopStream();
}

export async function pollWhenClosed(): Promise<void> {
  const connection = await loadConnection();
  if (!connection || streamRunning()) return;
  await pollChanges(connection, onChanges);
  if (openSidebarCount() > 0) startStream(connection, onChanges, onEngagement);
}

export async function ensureSyncAlarm(): Promise<void> {
  if (!(await browser.alarms.get(SYNC_ALARM))) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
}
