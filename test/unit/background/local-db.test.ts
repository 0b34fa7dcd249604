import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { evictBeyond, readCached, TTL_MS, touch, writeCached } from '../../../lib/background/cache.ts';
import { DB_NAME, DB_VERSION, openDb } from '../../../lib/store/db.ts';
import { deleteLocalDb } from './helpers.ts';

afterEach(deleteLocalDb);

describe('the local database', () => {
  it('upgrades from version 1 keeping the connection, and gains the cache and the outbox', async () => {
    const v1 = await openDB(DB_NAME, 1, { upgrade: (db) => void db.createObjectStore('settings') });
    await v1.put('settings', { endpoint: 'https://coalface.example.com', token: 'cf_x' }, 'connection');
    v1.close();

    const db = await openDb();
    expect(db.version).toBe(DB_VERSION);
    expect(await db.get('settings', 'connection')).toEqual({ endpoint: 'https://coalface.example.com', token: 'cf_x' });
    expect([...db.objectStoreNames].sort()).toEqual(['contexts', 'settings', 'uses', 'verdicts']);
  });

  it('opens fresh at the current version', async () => {
    const db = await openDb();
    expect([...db.objectStoreNames].sort()).toEqual(['contexts', 'settings', 'uses', 'verdicts']);
  });
});

describe('the lead cache', () => {
  it('forgets a lead not fetched for a week', async () => {
    const now = Date.now();
    await writeCached('email:dana@acme.com', null, now - TTL_MS - 1);
    expect(await readCached('email:dana@acme.com', now)).toBeUndefined();
    expect(await (await openDb()).count('contexts')).toBe(0);
  });

  it('keeps the 500 most recently used leads and evicts the least recently used', async () => {
    const start = Date.now() - 1_000_000;
    for (let i = 0; i < 500; i += 1) await writeCached(`email:lead${i}@x.com`, null, start + i);
    // The oldest lead, looked at again, must survive three newcomers; the next oldest three go.
    const first = await readCached('email:lead0@x.com', start + 600);
    if (!first) throw new Error('lead0 should be cached');
    await touch(first, start + 1_000);
    for (let i = 0; i < 3; i += 1) await writeCached(`email:new${i}@x.com`, null, start + 1_001 + i);
    const db = await openDb();
    expect(await db.count('contexts')).toBe(500);
    expect(await db.get('contexts', 'email:lead0@x.com')).toBeDefined();
    for (const gone of [1, 2, 3]) expect(await db.get('contexts', `email:lead${gone}@x.com`)).toBeUndefined();
    expect(await db.get('contexts', 'email:lead4@x.com')).toBeDefined();
    expect(await evictBeyond(500)).toBe(0);
  });
});
