// The extension's own IndexedDB. It lives in the extension's origin, so no host page and no
// content script can read it: that is why the access token is kept here and not in storage.local.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

export const DB_NAME = 'coalface';
export const DB_VERSION = 1;

export interface CoalfaceDB extends DBSchema {
  /** Small named records: the connection (endpoint, token, who we are). */
  settings: { key: string; value: unknown };
}

let opening: Promise<IDBPDatabase<CoalfaceDB>> | undefined;

export function openDb(): Promise<IDBPDatabase<CoalfaceDB>> {
  opening ??= openDB<CoalfaceDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) db.createObjectStore('settings');
    },
  }).catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening;
}
