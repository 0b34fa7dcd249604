// Lead contexts fetched this session, so a second sidebar or a switch back is instant.
// A short-lived memory cache only; the offline-first IndexedDB cache replaces it.
import type { LeadContext, LeadRef } from '../contract/lookup.ts';
import type { PageLead } from '../messages.ts';
import { lookup } from './api.ts';
import type { Connection } from './connection.ts';
import { leadKey } from './pages.ts';

export type Resolved = { found: true; context: LeadContext; fetchedAt: number } | { found: false; fetchedAt: number };

const FRESH_MS = 60_000;
const cache = new Map<string, Resolved>();
const inFlight = new Map<string, Promise<Resolved>>();

export function refOf(lead: PageLead): LeadRef {
  if (lead.email) return { email: lead.email };
  if (lead.crmRef) return { crmRef: lead.crmRef };
  throw new Error('a page lead without an email or a CRM reference');
}

export function cached(lead: PageLead, now = Date.now()): Resolved | undefined {
  const hit = cache.get(leadKey(lead));
  return hit && now - hit.fetchedAt < FRESH_MS ? hit : undefined;
}

export function forget(lead: PageLead): void {
  cache.delete(leadKey(lead));
}

export function forgetAll(): void {
  cache.clear();
}

export function resolve(connection: Connection, lead: PageLead): Promise<Resolved> {
  const key = leadKey(lead);
  const hit = cached(lead);
  if (hit) return Promise.resolve(hit);
  let pending = inFlight.get(key);
  if (!pending) {
    pending = lookup(connection.endpoint, connection.token, { leads: [refOf(lead)] })
      .then((response): Resolved => {
        const result = response.results[0];
        const resolved: Resolved = result?.found
          ? { found: true, context: result.context, fetchedAt: Date.now() }
          : { found: false, fetchedAt: Date.now() };
        cache.set(key, resolved);
        return resolved;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}
