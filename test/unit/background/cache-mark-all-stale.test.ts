import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  markAllStale,
  needsRevalidation,
  REVALIDATE_AFTER_MS,
  readCached,
  TTL_MS,
  writeCached,
} from '../../../lib/background/cache.ts';
import { openDb } from '../../../lib/store/db.ts';
import { deleteLocalDb } from './helpers.ts';

afterEach(deleteLocalDb);

// A marketer published or retired something: every lead the browser has cached, not only the ones
// open in a sidebar right now, must be fetched again before it is shown as fresh.
describe('after a change on the endpoint', () => {
  it('every cached lead needs revalidating, open or closed, known or not', async () => {
    const now = Date.now();
    const keys = ['email:open@acme.example', 'email:closed1@acme.example', 'crm:salesforce:Lead:00Q5g00000AbCdE'];
    for (const key of keys) await writeCached(key, null, now - 1_000);
    await writeCached('email:unknown@nowhere.example', null, now);
    for (const key of keys) expect(needsRevalidation((await readCached(key, now)) ?? fail(key), now)).toBe(false);

    await markAllStale();

    const after = Date.now();
    for (const key of [...keys, 'email:unknown@nowhere.example']) {
      const entry = await readCached(key, after);
      expect(entry, key).toBeDefined();
      expect(needsRevalidation(entry ?? fail(key), after), key).toBe(true);
    }
  });

  it('keeps what it shows: an entry is marked stale, not dropped, and an old one is not made younger', async () => {
    const now = Date.now();
    const old = now - TTL_MS + 60_000; // a minute from expiry
    await writeCached('email:old@acme.example', null, old);
    await writeCached('email:new@acme.example', null, now);
    await markAllStale();
    const db = await openDb();
    expect((await db.get('contexts', 'email:old@acme.example'))?.fetchedAt).toBe(old);
    expect((await db.get('contexts', 'email:new@acme.example'))?.fetchedAt).toBeLessThanOrEqual(
      Date.now() - REVALIDATE_AFTER_MS,
    );
    expect(await db.count('contexts')).toBe(2);
    expect(await readCached('email:old@acme.example', now + 120_000)).toBeUndefined(); // still expires on time
  });
});

function fail(what: string): never {
  throw new Error(`${what} is not cached`);
}
