// The rep's choices from Options: which sites are off, and which domains are colleagues'. Kept in
// storage.local under 'preferences'; nothing secret lives there (content scripts can read it).
import { type PageLeads, type PreferenceLocks, Preferences, SiteId } from '../messages.ts';
import type { ManagedPolicy } from './managed-policy.ts';
import { lockedChange, mergePreferences, preferenceLocks, readManagedPolicy } from './managed-settings.ts';
import { readStored, writeStored } from './storage-copy.ts';

const KEY = 'preferences';

export const DEFAULT_PREFERENCES: Preferences = { sitesOff: [], internalDomains: [] };

/** The preferences that apply: the rep's own, under what managed policy sets (managed-settings.ts). */
export async function loadPreferences(): Promise<Preferences> {
  return (await loadPreferencesWithLocks()).preferences;
}

/** The preferences that apply and, when IT locked any, which (Options shows those disabled). */
export async function loadPreferencesWithLocks(): Promise<{ preferences: Preferences; locked?: PreferenceLocks }> {
  const [stored, { policy }] = await Promise.all([readStored('local', KEY), readManagedPolicy()]);
  const parsed = stored === undefined ? undefined : Preferences.safeParse(stored);
  const own = parsed === undefined ? undefined : parsed.success ? parsed.data : DEFAULT_PREFERENCES;
  return { preferences: mergePreferences(own, policy), ...locksOf(policy) };
}

function locksOf(policy: ManagedPolicy): { locked?: PreferenceLocks } {
  const locked = preferenceLocks(policy);
  return locked.sitesOff || locked.internalDomains ? { locked } : {};
}

export type SaveOutcome =
  | { ok: true; preferences: Preferences; locked?: PreferenceLocks }
  | { ok: false; message: string };

/** Checks what the options page sent and stores it; a refusal says which entry is wrong and what to do. */
export async function savePreferences(raw: unknown): Promise<SaveOutcome> {
  const parsed = Preferences.safeParse(raw);
  if (!parsed.success) return { ok: false, message: explain(raw, parsed.error.issues) };
  const preferences: Preferences = {
    sitesOff: [...new Set(parsed.data.sitesOff)],
    internalDomains: [...new Set(parsed.data.internalDomains)],
  };
  const { policy } = await readManagedPolicy();
  const refusal = lockedChange(preferences, policy);
  if (refusal) return { ok: false, message: refusal };
  await writeStored('local', KEY, preferences);
  return { ok: true, preferences: mergePreferences(preferences, policy), ...locksOf(policy) };
}

interface Issue {
  path: PropertyKey[];
  code: string;
}

function explain(raw: unknown, issues: readonly Issue[]): string {
  const issue = issues[0];
  const [field, index] = issue?.path ?? [];
  const entry = typeof index === 'number' ? valueAt(raw, field, index) : undefined;
  if (field === 'internalDomains') {
    if (issue?.code === 'too_big') return 'Enter at most 50 internal domains.';
    if (typeof entry === 'string')
      return `“${entry.trim().slice(0, 100)}” is not a domain. Enter one domain per line, like example.com (no @, no https://).`;
    return 'Internal domains must be a list of domains, one per line, like example.com.';
  }
  if (field === 'sitesOff') {
    const known = SiteId.options.join(', ');
    if (typeof entry === 'string') return `“${entry.slice(0, 40)}” is not a site Coalface knows (${known}).`;
    return `Sites switched off must be a list of ${known}.`;
  }
  return 'These preferences are not in a form this version of Coalface understands. Reload the options page.';
}

function valueAt(raw: unknown, field: PropertyKey | undefined, index: number): unknown {
  if (typeof raw !== 'object' || raw === null || typeof field !== 'string') return undefined;
  const list: unknown = (raw as Record<string, unknown>)[field];
  return Array.isArray(list) ? list[index] : undefined;
}

/** The domain part of an address, lower-cased. */
function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** True when the address is at one of the domains or any subdomain of one (eu.northwind.io under northwind.io). */
export function isInternal(email: string, internalDomains: readonly string[]): boolean {
  const domain = domainOf(email);
  return internalDomains.some((internal) => domain === internal || domain.endsWith(`.${internal}`));
}

/**
 * The page without the rep and the rep's colleagues. Leads known only by a CRM record stay: the CRM
 * says they are a lead, and there is no address to judge by.
 */
export function withoutColleagues(page: PageLeads, preferences: Preferences): PageLeads {
  const self = page.self?.toLowerCase();
  const leads = page.leads.filter((lead) => {
    if (lead.email === undefined) return true;
    const email = lead.email.toLowerCase();
    return email !== self && !isInternal(email, preferences.internalDomains);
  });
  return { ...page, leads };
}
