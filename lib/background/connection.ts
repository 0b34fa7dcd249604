import { browser } from 'wxt/browser';
import { z } from 'zod';
import { Me } from '../contract/me.ts';
import { checkEndpoint } from '../endpoint-url.ts';
import type { ConnectionStatus } from '../messages.ts';
import { openDb } from '../store/db.ts';
import { fetchMe } from './api.ts';
import { clearCache } from './cache.ts';
import { FRAME_TICKETS_KEY } from './frame-tickets.ts';
import { clearCursor, stopStream } from './live.ts';
import { clearVerdicts, flush, pendingCount } from './outbox.ts';

// A connection an older version kept for an address the rule now refuses is not used.
const Connection = z.object({
  endpoint: z.string().refine((endpoint) => checkEndpoint(endpoint).ok),
  token: z.string(),
  me: Me,
});
export type Connection = z.infer<typeof Connection>;

const KEY = 'connection';

export async function loadConnection(): Promise<Connection | null> {
  const db = await openDb();
  const parsed = Connection.safeParse(await db.get('settings', KEY));
  return parsed.success ? parsed.data : null;
}

export function publicStatus(connection: Connection | null): ConnectionStatus {
  return connection ? { connected: true, endpoint: connection.endpoint, me: connection.me } : { connected: false };
}

/** Normalises what a rep typed: trims, drops a trailing slash, and holds it to the endpoint rule. */
export function normaliseEndpoint(input: string): string {
  const checked = checkEndpoint(input);
  if (!checked.ok) throw new Error(checked.message);
  const url = new URL(checked.endpoint);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/** Checks the endpoint and token against `/v1/me`, and keeps them only when both work. */
export async function connect(endpointInput: string, tokenInput: string): Promise<Connection> {
  const endpoint = normaliseEndpoint(endpointInput);
  const token = tokenInput.trim();
  if (token === '') throw new Error('Paste the access token your admin gave you.');
  const me = await fetchMe(endpoint, token);
  const connection = { endpoint, token, me };
  const previous = await loadConnection();
  const db = await openDb();
  await db.put('settings', connection, KEY);
  // Another endpoint or another person: nothing cached for the previous one may show.
  if (previous && (previous.endpoint !== endpoint || previous.me.tokenId !== me.tokenId)) {
    await Promise.all([clearCache(), clearCursor()]);
  }
  return connection;
}

/**
 * Signing out wipes everything local: the connection, cached leads, verdicts and the change
 * cursor. Queued verdicts get one last try first; the number that still could not be sent is
 * returned so the rep is told, not left to guess.
 */
export async function disconnect(): Promise<{ unsent: number }> {
  const connection = await loadConnection();
  if (connection) await flush(connection).catch(() => undefined);
  const unsent = await pendingCount().catch(() => 0);
  stopStream();
  const db = await openDb();
  await db.delete('settings', KEY);
  await clearLocalData(true);
  // Preferences and the dock's size go too: signing out leaves nothing of Coalface behind.
  await browser.storage.local.clear();
  return { unsent };
}

/** Cached leads, page state, diagnostics and the change cursor; the outbox only when asked. */
export async function clearLocalData(includingOutbox: boolean): Promise<void> {
  await Promise.all([
    clearCache(),
    clearCursor(),
    clearSessionButFrameTickets(),
    browser.storage.local.remove('diagnostics'),
    includingOutbox ? clearVerdicts() : Promise.resolve(),
  ]);
}

async function clearSessionButFrameTickets(): Promise<void> {
  const keys = Object.keys(await browser.storage.session.get(null)).filter((key) => key !== FRAME_TICKETS_KEY);
  await browser.storage.session.remove(keys);
}
