// When a session is renewed: an alarm shortly before it runs out (alarms survive the service
// worker being stopped; a timer would not).
import { browser } from 'wxt/browser';

export const RENEWAL_ALARM = 'session-renewal';
/** Renewal starts this long before `expiresAt`, leaving room for a slow provider and a retry. */
export const RENEW_BEFORE_MS = 15 * 60_000;
/** After a network failure, the next try (alarms fire no sooner than 30 s in packed builds). */
export const RETRY_AFTER_MS = 60_000;

/** Epoch ms at which a session expiring at `expiresAt` is renewed; `now` when that is past. */
export function renewalTime(expiresAt: string, now: number): number {
  const expires = Date.parse(expiresAt);
  if (Number.isNaN(expires)) return now;
  return Math.max(now, expires - RENEW_BEFORE_MS);
}

export function isRenewalDue(expiresAt: string, now: number): boolean {
  return renewalTime(expiresAt, now) <= now;
}

export async function scheduleRenewal(expiresAt: string, now = Date.now()): Promise<void> {
  await browser.alarms.create(RENEWAL_ALARM, { when: renewalTime(expiresAt, now) });
}

export async function scheduleRetry(now = Date.now()): Promise<void> {
  await browser.alarms.create(RENEWAL_ALARM, { when: now + RETRY_AFTER_MS });
}

export async function cancelRenewal(): Promise<void> {
  await browser.alarms.clear(RENEWAL_ALARM);
}
