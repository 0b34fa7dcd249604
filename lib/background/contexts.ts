// A lead's context, cache first: what IndexedDB holds is shown at once, and revalidated from the
// endpoint when it is older than a little while. Concurrent asks for one lead share one request,
// so two tabs on the same thread cost the endpoint one lookup; the endpoint's answer can be shown
// before IndexedDB has stored it.
import type { LeadContext, LeadRef } from '../contract/lookup.ts';
import { routes } from '../contract/routes.ts';
import type { PageLead, SidebarWarning } from '../messages.ts';
import type { CachedContext } from '../store/db.ts';
import { type Credentials, callEndpoint } from './api.ts';
import { readCached, storeCached, touch } from './cache.ts';
import { leadKey } from './pages.ts';

export function refOf(lead: PageLead): LeadRef {
  if (lead.email) return { email: lead.email };
  if (lead.crmRef) return { crmRef: lead.crmRef };
  throw new Error('a page lead without an email or a CRM reference');
}

const TOUCH_EVERY_MS = 60_000;

export interface Fetched {
  entry: CachedContext;
  /** Settles once IndexedDB holds the entry (or failed to: the answer is still good to show). */
  stored: Promise<void>;
}

/** Until its answer is stored, so an ask meanwhile shares it instead of missing the cache. */
const inFlight = new Map<string, Promise<Fetched>>();

/** Asks the endpoint and stores the answer (found or not). */
export function fetchContext(credentials: Credentials, lead: PageLead): Promise<Fetched> {
  const key = leadKey(lead);
  let pending = inFlight.get(key);
  if (!pending) {
    const asked = callEndpoint(credentials, routes.lookup, { body: { leads: [refOf(lead)] } }).then(
      (response): Fetched => {
        const result = response.results[0];
        const context: LeadContext | null = result?.found ? result.context : null;
        const now = Date.now();
        const entry: CachedContext = { key, context, fetchedAt: now, lastUsedAt: now };
        return { entry, stored: storeCached(entry).catch(() => undefined) };
      },
    );
    pending = asked;
    void asked
      .then(({ stored }) => stored)
      .finally(() => inFlight.delete(key))
      .catch(() => undefined);
    inFlight.set(key, pending);
  }
  return pending;
}

export interface LocalRead {
  entry: CachedContext | undefined;
  /** Set when IndexedDB failed: the rep is told, and the network answers instead. */
  storageError?: SidebarWarning;
}

export async function readLocal(lead: PageLead, now = Date.now()): Promise<LocalRead> {
  try {
    const entry = await readCached(leadKey(lead), now);
    // Recency for the LRU bound needs no finer grain than a minute: no write on every repaint.
    if (entry && now - entry.lastUsedAt > TOUCH_EVERY_MS) void touch(entry, now).catch(() => undefined);
    return { entry };
  } catch (error) {
    const full = error instanceof Error && error.name === 'QuotaExceededError';
    return { entry: undefined, storageError: full ? 'cache-full' : 'cache-failed' };
  }
}
