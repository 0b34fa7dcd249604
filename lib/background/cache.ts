// Lead contexts kept in IndexedDB: shown at once, revalidated when older than a little while,
// dropped after a week unseen, and bounded to the most recently used leads.
import type { LeadContext } from '../contract/lookup.ts';
import { type CachedContext, openDb } from '../store/db.ts';

export const REVALIDATE_AFTER_MS = 30_000;
export const TTL_MS = 7 * 24 * 60 * 60_000;
export const MAX_ENTRIES = 500;

export const isExpired = (entry: CachedContext, now: number) => now - entry.fetchedAt > TTL_MS;
export const needsRevalidation = (entry: CachedContext, now: number) => now - entry.fetchedAt >= REVALIDATE_AFTER_MS;

export async function readCached(key: string, now = Date.now()): Promise<CachedContext | undefined> {
  const db = await openDb();
  const entry = await db.get('contexts', key);
  if (!entry) return undefined;
  if (isExpired(entry, now)) {
    await db.delete('contexts', key);
    return undefined;
  }
  return entry;
}

/** Marks an entry as just used, for the LRU bound. A failure here is harmless. */
export async function touch(entry: CachedContext, now = Date.now()): Promise<void> {
  const db = await openDb();
  await db.put('contexts', { ...entry, lastUsedAt: now });
}

export async function writeCached(key: string, context: LeadContext | null, now = Date.now()): Promise<CachedContext> {
  const entry: CachedContext = { key, context, fetchedAt: now, lastUsedAt: now };
  await storeCached(entry);
  return entry;
}

export async function storeCached(entry: CachedContext): Promise<void> {
  const db = await openDb();
  await db.put('contexts', entry);
  await evictBeyond(MAX_ENTRIES);
}

/** Deletes the least recently used entries beyond `max`. */
export async function evictBeyond(max: number): Promise<number> {
  const db = await openDb();
  const tx = db.transaction('contexts', 'readwrite');
  let excess = (await tx.store.count()) - max;
  let evicted = 0;
  let cursor = await tx.store.index('lastUsedAt').openCursor();
  while (cursor && excess > 0) {
    await cursor.delete();
    excess -= 1;
    evicted += 1;
    cursor = await cursor.continue();
  }
  await tx.done;
  return evicted;
}

/** Something changed on the endpoint: every cached lead must be revalidated before it is trusted as fresh. */
export async function markAllStale(): Promise<void> {
  const db = await openDb();
  const tx = db.transaction('contexts', 'readwrite');
  let cursor = await tx.store.openCursor();
  while (cursor) {
    await cursor.update({
      ...cursor.value,
      fetchedAt: Math.min(cursor.value.fetchedAt, Date.now() - REVALIDATE_AFTER_MS),
    });
    cursor = await cursor.continue();
  }
  await tx.done;
}

/** One lead got something new on the endpoint: its cached copy must be revalidated before it is trusted as fresh. */
export async function markStale(key: string, now = Date.now()): Promise<void> {
  const db = await openDb();
  const entry = await db.get('contexts', key);
  if (!entry) return;
  await db.put('contexts', { ...entry, fetchedAt: Math.min(entry.fetchedAt, now - REVALIDATE_AFTER_MS) });
}

export async function appendTimeline(
  key: string,
  more: LeadContext['engagement']['timeline'],
  nextBefore: string | null,
) {
  const db = await openDb();
  const entry = await db.get('contexts', key);
  if (!entry?.context) return undefined;
  const seen = new Set(entry.context.engagement.timeline.map((event) => event.id));
  const timeline = [...entry.context.engagement.timeline, ...more.filter((event) => !seen.has(event.id))];
  const context = {
    ...entry.context,
    engagement: { ...entry.context.engagement, timeline, hasMore: nextBefore !== null, nextBefore },
  };
  const updated = { ...entry, context };
  await db.put('contexts', updated);
  return updated;
}

export async function clearCache(): Promise<void> {
  const db = await openDb();
  await db.clear('contexts');
}
