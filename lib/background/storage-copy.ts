// A copy in memory of the few storage values the background reads on every page report (the rep's
// preferences, each tab's page). Reading storage waits its turn on the browser's main thread, which
// is busy with the host page's navigation just when a rep opens a thread; the copy answers at once.
// It is kept exact by storage.onChanged and trusted only while that listener is attached (a test's
// fake browser drops listeners when it resets; a restarted service worker starts with no copy).
import { browser } from 'wxt/browser';

type Area = 'local' | 'session';

/** Raw stored values by `area:key`; undefined when nothing is stored there. */
const copies = new Map<string, unknown>();
/** Bumped on every change of a key, so a read that raced a change does not keep the older value. */
const versions = new Map<string, number>();

const idOf = (area: Area, key: string) => `${area}:${key}`;

function noteChange(id: string, value: unknown): void {
  versions.set(id, (versions.get(id) ?? 0) + 1);
  copies.set(id, value);
}

function onChanged(changes: Record<string, { newValue?: unknown }>, area: string): void {
  for (const [key, change] of Object.entries(changes)) noteChange(`${area}:${key}`, change.newValue);
}

/** Whether the copies can be trusted; attaches the listener (and starts from nothing) when they cannot. */
function listening(): boolean {
  if (browser.storage.onChanged.hasListener(onChanged)) return true;
  copies.clear();
  browser.storage.onChanged.addListener(onChanged);
  return false;
}

/** The raw value stored under `key`, from the copy when there is one. */
export async function readStored(area: Area, key: string): Promise<unknown> {
  const id = idOf(area, key);
  if (listening() && copies.has(id)) return copies.get(id);
  const version = versions.get(id);
  const stored = await browser.storage[area].get(key);
  if (versions.get(id) === version) copies.set(id, stored[key]);
  return stored[key];
}

/** Stores `value` under `key`; reads from now on see it, before storage has written it. */
export function writeStored(area: Area, key: string, value: unknown): Promise<void> {
  listening();
  noteChange(idOf(area, key), value);
  return browser.storage[area].set({ [key]: value });
}
