// The extension's own IndexedDB. It lives in the extension's origin, so no host page and no
// content script can read it: that is why the access token is kept here and not in storage.local.
// Every version's upgrade step stays here, so a browser that skipped versions upgrades in order.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { FeedbackInput } from '../contract/feedback.ts';
import type { LeadContext } from '../contract/lookup.ts';
import type { UsageInput } from '../contract/usage.ts';

export const DB_NAME = 'coalface';
export const DB_VERSION = 3;

export interface CachedContext {
  /** `email:<address>` or `crm:<system>:<type>:<id>`: how the page named the lead. */
  key: string;
  /** null: the endpoint does not know this lead (cached too, so a second tab asks no one). */
  context: LeadContext | null;
  fetchedAt: number;
  lastUsedAt: number;
}

export type VerdictStatus = 'queued' | 'sent' | 'failed' | 'withdrawing';

export interface StoredVerdict {
  id: string;
  input: FeedbackInput;
  status: VerdictStatus;
  attempts: number;
  /** Epoch ms of the next try, for queued and withdrawing items. */
  nextAttemptAt: number;
  failure?: string;
  createdAt: number;
  undoUntil: number;
}

/** A rep's use of a point or call to action waiting to be sent; gone once the endpoint has it. */
export interface StoredUse {
  id: string;
  input: UsageInput;
  attempts: number;
  /** Epoch ms of the next try. */
  nextAttemptAt: number;
  createdAt: number;
}

export interface CoalfaceDB extends DBSchema {
  /** Small named records: the connection (endpoint, token, who we are), the change cursor. */
  settings: { key: string; value: unknown };
  contexts: { key: string; value: CachedContext; indexes: { lastUsedAt: number } };
  /** The feedback outbox, and what was sent, so the sidebar can show each verdict's fate. */
  verdicts: { key: string; value: StoredVerdict; indexes: { leadHash: string; status: VerdictStatus } };
  /** The same outbox's uses (copied, inserted, call to action opened): only those not yet sent. */
  uses: { key: string; value: StoredUse };
}

export function upgrade(db: IDBPDatabase<CoalfaceDB>, oldVersion: number): void {
  if (oldVersion < 1) db.createObjectStore('settings');
  if (oldVersion < 2) {
    const contexts = db.createObjectStore('contexts', { keyPath: 'key' });
    contexts.createIndex('lastUsedAt', 'lastUsedAt');
    const verdicts = db.createObjectStore('verdicts', { keyPath: 'id' });
    verdicts.createIndex('leadHash', 'input.lead.emailHash');
    verdicts.createIndex('status', 'status');
  }
  if (oldVersion < 3) db.createObjectStore('uses', { keyPath: 'id' });
}

let opening: Promise<IDBPDatabase<CoalfaceDB>> | undefined;

export function openDb(): Promise<IDBPDatabase<CoalfaceDB>> {
  opening ??= openDB<CoalfaceDB>(DB_NAME, DB_VERSION, {
    upgrade: (db, oldVersion) => upgrade(db, oldVersion),
    // Another context (an older worker) holds the old version open: let it go so ours can upgrade.
    blocking: () => {
      void opening?.then((db) => db.close());
      opening = undefined;
    },
  }).catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening;
}

/** For tests: forget the open connection. */
export async function closeDb(): Promise<void> {
  const db = await opening?.catch(() => undefined);
  db?.close();
  opening = undefined;
}
