// The one place managed policy meets the rep's own settings: the connection, the preferences (and
// through them the content scripts' dock) and Options all ask here. The policy is read once and kept
// in memory until storage.onChanged says IT changed it (area `managed`).
import { browser } from 'wxt/browser';
import type { PreferenceLocks, Preferences } from '../messages.ts';
import { type ManagedPolicy, NO_POLICY, type ParsedPolicy, parseManagedPolicy } from './managed-policy.ts';

let reading: Promise<ParsedPolicy> | undefined;
const followers = new Set<() => void>();

function onChanged(_changes: unknown, area: string): void {
  if (area !== 'managed') return;
  reading = undefined;
  for (const follow of followers) follow();
}

/** The managed policy, checked; none when the browser has none (Firefox rejects when no policy is set). */
export function readManagedPolicy(): Promise<ParsedPolicy> {
  // A restarted worker (or a test's reset browser) has no listener: nothing read before can be trusted.
  if (!browser.storage.onChanged.hasListener(onChanged)) {
    browser.storage.onChanged.addListener(onChanged);
    reading = undefined;
  }
  reading ??= readRaw().then(parseManagedPolicy);
  return reading;
}

async function readRaw(): Promise<unknown> {
  try {
    return await browser.storage.managed.get(null);
  } catch {
    return NO_POLICY.policy;
  }
}

/** Calls `follow` whenever IT changes the policy; returns how to stop. */
export function followManagedPolicy(follow: () => void): () => void {
  void readManagedPolicy();
  followers.add(follow);
  return () => followers.delete(follow);
}

export interface ManagedEndpoint {
  endpoint: string | undefined;
  /** The rep may not connect anywhere else. */
  locked: boolean;
}

export function managedEndpoint(policy: ManagedPolicy): ManagedEndpoint {
  const endpoint = policy.endpointUrl;
  return { endpoint, locked: endpoint !== undefined && !policy.repsMayChange };
}

export function preferenceLocks(policy: ManagedPolicy): PreferenceLocks {
  return {
    sitesOff: policy.sitesOff !== undefined && !policy.repsMayChange,
    internalDomains: policy.internalDomains !== undefined && !policy.repsMayChange,
  };
}

/**
 * The preferences that apply. A locked managed value always wins; an unlocked one (repsMayChange)
 * is where a rep who never saved preferences starts, and theirs wins once they have.
 */
export function mergePreferences(own: Preferences | undefined, policy: ManagedPolicy): Preferences {
  const locks = preferenceLocks(policy);
  const base: Preferences = own ?? {
    sitesOff: policy.sitesOff ?? [],
    internalDomains: policy.internalDomains ?? [],
  };
  return {
    sitesOff: locks.sitesOff && policy.sitesOff ? policy.sitesOff : base.sitesOff,
    internalDomains: locks.internalDomains && policy.internalDomains ? policy.internalDomains : base.internalDomains,
  };
}

/** Why a save is refused: it changes a value IT locked. Null when it changes none. */
export function lockedChange(next: Preferences, policy: ManagedPolicy): string | null {
  const locks = preferenceLocks(policy);
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
  if (locks.sitesOff && policy.sitesOff && !same(next.sitesOff, policy.sitesOff))
    return "Which sites Coalface reads is set by your company's IT (managed policy) and cannot be changed here.";
  if (locks.internalDomains && policy.internalDomains && !same(next.internalDomains, policy.internalDomains))
    return "Internal domains are set by your company's IT (managed policy) and cannot be changed here.";
  return null;
}
