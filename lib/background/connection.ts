import { browser } from 'wxt/browser';
import { z } from 'zod';
import { Me } from '../contract/me.ts';
import { checkEndpoint } from '../endpoint-url.ts';
import { type ConnectionStatus, ProviderChoice } from '../messages.ts';
import { openDb } from '../store/db.ts';
import { fetchMe } from './api.ts';
import { clearCache } from './cache.ts';
import { FRAME_TICKETS_KEY } from './frame-tickets.ts';
import { clearCursor, stopStream } from './live.ts';
import { endpointOrigin } from './managed-policy.ts';
import { managedEndpoint, readManagedPolicy } from './managed-settings.ts';
import { clearOutbox, flush, pendingCount } from './outbox.ts';

// A connection an older version kept for an address the rule now refuses is not used.
const Endpoint = z.string().refine((endpoint) => checkEndpoint(endpoint).ok);

/** A session from signing in at a provider: it runs out, and is renewed at that provider (session-renewal.ts). */
const StoredSession = z.object({ expiresAt: z.string(), provider: ProviderChoice });
export type StoredSession = z.infer<typeof StoredSession>;

const Connection = z.object({
  endpoint: Endpoint,
  /** An access token an admin made, or the session token from signing in (then `session` is set). */
  token: z.string(),
  me: Me,
  session: StoredSession.optional(),
});
export type Connection = z.infer<typeof Connection>;

/** What is left of a session that ended without the rep: where to sign in again. Holds no token. */
const SignedOut = z.object({ endpoint: Endpoint, provider: ProviderChoice, me: Me });
export type SignedOut = z.infer<typeof SignedOut>;

const KEY = 'connection';
const SIGNED_OUT_KEY = 'signed-out';

/**
 * The connection in use. One to another endpoint than the one IT locked is not used: the rep sees
 * the managed endpoint, not connected, until they connect or sign in there.
 */
export async function loadConnection(): Promise<Connection | null> {
  const [stored, { policy }] = await Promise.all([openDb().then((db) => db.get('settings', KEY)), readManagedPolicy()]);
  const parsed = Connection.safeParse(stored);
  if (!parsed.success) return null;
  const managed = managedEndpoint(policy);
  return managed.locked && managed.endpoint !== parsed.data.endpoint ? null : parsed.data;
}

export async function loadSignedOut(): Promise<SignedOut | null> {
  const [stored, { policy }] = await Promise.all([
    openDb().then((db) => db.get('settings', SIGNED_OUT_KEY)),
    readManagedPolicy(),
  ]);
  const parsed = SignedOut.safeParse(stored);
  if (!parsed.success) return null;
  const managed = managedEndpoint(policy);
  return managed.locked && managed.endpoint !== parsed.data.endpoint ? null : parsed.data;
}

/** The session is over: its token goes, where to sign in again stays. */
export async function markSignedOut(connection: Connection & { session: StoredSession }): Promise<void> {
  const db = await openDb();
  const tx = db.transaction('settings', 'readwrite');
  await Promise.all([
    tx.store.delete(KEY),
    tx.store.put(
      { endpoint: connection.endpoint, provider: connection.session.provider, me: connection.me },
      SIGNED_OUT_KEY,
    ),
    tx.done,
  ]);
}

export function publicStatus(connection: Connection | null): ConnectionStatus {
  if (!connection) return { connected: false };
  const { endpoint, me, session } = connection;
  return { connected: true, endpoint, me, ...(session ? { session } : {}) };
}

/** What Options shows: the connection, or the managed endpoint and whether the rep was signed out. */
export async function connectionStatus(): Promise<ConnectionStatus> {
  const [connection, signedOut, { policy }] = await Promise.all([
    loadConnection(),
    loadSignedOut(),
    readManagedPolicy(),
  ]);
  const managed = managedEndpoint(policy);
  const locks = managed.locked ? { endpointLocked: true } : {};
  if (connection) return { ...publicStatus(connection), ...locks };
  const endpoint = signedOut?.endpoint ?? managed.endpoint;
  return {
    connected: false,
    ...(endpoint ? { endpoint } : {}),
    ...locks,
    ...(signedOut ? { signedOut: signedOut.provider } : {}),
  };
}

/** Normalises what a rep typed: trims, drops a trailing slash, and holds it to the endpoint rule. */
export function normaliseEndpoint(input: string): string {
  const checked = checkEndpoint(input);
  if (!checked.ok) throw new Error(checked.message);
  return endpointOrigin(checked.endpoint);
}

/** The endpoint to use for what the rep typed; refused when IT locked another one. */
export async function allowedEndpoint(input: string): Promise<string> {
  const { policy } = await readManagedPolicy();
  const managed = managedEndpoint(policy);
  if (managed.locked && managed.endpoint !== undefined) {
    const typed = input.trim() === '' ? managed.endpoint : normaliseEndpoint(input);
    if (typed !== managed.endpoint)
      throw new Error(
        `Your company's IT set the endpoint to ${managed.endpoint} (managed policy); Coalface connects only there.`,
      );
    return managed.endpoint;
  }
  return normaliseEndpoint(input);
}

/** Checks the endpoint and token against `/v1/me`, and keeps them only when both work. */
export async function connect(endpointInput: string, tokenInput: string): Promise<Connection> {
  const endpoint = await allowedEndpoint(endpointInput);
  const token = tokenInput.trim();
  if (token === '') throw new Error('Paste the access token your admin gave you.');
  const me = await fetchMe(endpoint, token);
  return keepConnection({ endpoint, token, me });
}

/** Keeps a connection that works (from a pasted token or a sign-in); a previous sign-out is over. */
export async function keepConnection(connection: Connection): Promise<Connection> {
  const [previous, signedOut] = await Promise.all([loadConnection(), loadSignedOut()]);
  const db = await openDb();
  const tx = db.transaction('settings', 'readwrite');
  await Promise.all([tx.store.put(connection, KEY), tx.store.delete(SIGNED_OUT_KEY), tx.done]);
  // Another endpoint or another person: nothing cached for the previous one may show.
  const before = previous ?? signedOut;
  if (before && !samePlaceAndPerson(before, connection)) await Promise.all([clearCache(), clearCursor()]);
  return connection;
}

/**
 * A renewed session is a new token of the same person: same endpoint, same provider, same name and
 * role. A pasted token is its own identity.
 */
function samePlaceAndPerson(before: Connection | SignedOut, after: Connection): boolean {
  if (before.endpoint !== after.endpoint) return false;
  const provider = 'provider' in before ? before.provider : before.session?.provider;
  if (provider && after.session)
    return (
      provider.id === after.session.provider.id && before.me.name === after.me.name && before.me.role === after.me.role
    );
  return before.me.tokenId === after.me.tokenId;
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
  await Promise.all([db.delete('settings', KEY), db.delete('settings', SIGNED_OUT_KEY)]);
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
    includingOutbox ? clearOutbox() : Promise.resolve(),
  ]);
}

async function clearSessionButFrameTickets(): Promise<void> {
  const keys = Object.keys(await browser.storage.session.get(null)).filter((key) => key !== FRAME_TICKETS_KEY);
  await browser.storage.session.remove(keys);
}
