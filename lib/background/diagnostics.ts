// Structure-only diagnostics: which selector alternative answered each probe, per site and view,
// how often, and when last. Kept in storage.local under 'diagnostics', bounded, and copied by the
// rep from Options into a bug report, with which settings IT manages and which managed values were
// ignored. Never page text, never addresses, never a token.
import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { SiteId, TraceEntry, View } from '../messages.ts';
import { managedKeys } from './managed-policy.ts';
import { readManagedPolicy } from './managed-settings.ts';

const KEY = 'diagnostics';
/** Bounds: a probe keeps its most recently seen alternatives; a view its most recently seen probes. */
export const MAX_PROBES_PER_VIEW = 40;
export const MAX_ALTERNATIVES_PER_PROBE = 12;
const NONE = '(none)';

const Tally = z.object({ answered: z.number().int().min(0), lastSeen: z.number() });
const Alternatives = z.record(z.string(), Tally);
const Probes = z.record(z.string(), Alternatives);
const Store = z.record(z.string(), z.record(z.string(), Probes));
type Alternatives = z.infer<typeof Alternatives>;
type Probes = z.infer<typeof Probes>;
type Store = z.infer<typeof Store>;

// Anything shaped like an address is dropped, whatever put it there: a trace names selectors only.
const ADDRESS = /[^\s@"'<>()[\]]+@[^\s@"'<>()[\]]+\.[a-z]{2,}/i;

/** A probe or alternative name fit to keep: printable, short, no address. Null when it is not. */
export function cleanName(raw: string): string | null {
  const name = Array.from(raw)
    .filter((ch) => ch >= ' ' && ch !== '\u007f')
    .join('')
    .slice(0, 200);
  if (name === '' || ADDRESS.test(name)) return null;
  return name;
}

async function load(): Promise<Store> {
  const stored = await browser.storage.local.get(KEY);
  const parsed = Store.safeParse(stored[KEY] ?? {});
  return parsed.success ? parsed.data : {};
}

/** Keeps the `limit` entries seen most recently. */
function newest<T>(entries: Record<string, T>, limit: number, seen: (value: T) => number): Record<string, T> {
  const all = Object.entries(entries);
  if (all.length <= limit) return entries;
  return Object.fromEntries(all.sort(([, a], [, b]) => seen(b) - seen(a)).slice(0, limit));
}

const lastOf = (alternatives: Alternatives) => Math.max(0, ...Object.values(alternatives).map((t) => t.lastSeen));

export function addTrace(store: Store, site: SiteId, view: View, trace: readonly TraceEntry[], now: number): Store {
  const views = store[site] ?? {};
  const probes: Probes = { ...(views[view] ?? {}) };
  for (const entry of trace) {
    const probe = cleanName(entry.probe);
    const alternative = entry.matched === null ? NONE : cleanName(entry.matched);
    if (probe === null || alternative === null) continue;
    const alternatives = { ...(probes[probe] ?? {}) };
    const tally = alternatives[alternative];
    alternatives[alternative] = { answered: (tally?.answered ?? 0) + 1, lastSeen: now };
    probes[probe] = newest(alternatives, MAX_ALTERNATIVES_PER_PROBE, (t) => t.lastSeen);
  }
  return { ...store, [site]: { ...views, [view]: newest(probes, MAX_PROBES_PER_VIEW, lastOf) } };
}

// One write at a time, so two tabs reporting together do not lose each other's counts.
let queue: Promise<void> = Promise.resolve();

export function recordTrace(site: SiteId, view: View, trace: readonly TraceEntry[], now = Date.now()): Promise<void> {
  if (trace.length === 0) return queue;
  queue = queue
    .then(async () => {
      await browser.storage.local.set({ [KEY]: addTrace(await load(), site, view, trace, now) });
    })
    .catch(() => undefined);
  return queue;
}

// An access or session token (cf_…) or a JWT, should IT have pasted one into a managed value.
const TOKEN = /\bcf_[\w-]{8,}|eyJ[\w-]*\.[\w-]+\.[\w-]*/g;
const ADDRESSES = new RegExp(ADDRESS.source, 'gi');

/** An ignored value's sentence, as the report may carry it: tokens and addresses blanked out. */
export function withoutSecrets(sentence: string): string {
  return sentence.replace(TOKEN, '[token removed]').replace(ADDRESSES, '[address removed]');
}

/** Which settings IT manages, whether reps may change them, and each managed value that was ignored. */
async function managedReport() {
  const { policy, problems } = await readManagedPolicy();
  return { keys: managedKeys(policy), repsMayChange: policy.repsMayChange, ignored: problems.map(withoutSecrets) };
}

/** The text a rep pastes into a bug report: versions, managed settings, then per site and view, probe → alternative → counts. */
export async function diagnosticsText(userAgent = globalThis.navigator?.userAgent ?? 'unknown'): Promise<string> {
  await queue;
  const [store, managed] = await Promise.all([load(), managedReport()]);
  const sites: Record<
    string,
    Record<string, Record<string, Record<string, { answered: number; lastSeen: string }>>>
  > = {};
  for (const [site, views] of Object.entries(store)) {
    for (const [view, probes] of Object.entries(views)) {
      for (const [probe, alternatives] of Object.entries(probes)) {
        for (const [alternative, tally] of Object.entries(alternatives)) {
          sites[site] ??= {};
          sites[site][view] ??= {};
          sites[site][view][probe] ??= {};
          sites[site][view][probe][alternative] = {
            answered: tally.answered,
            lastSeen: new Date(tally.lastSeen).toISOString(),
          };
        }
      }
    }
  }
  const report = {
    extension: 'Coalface',
    version: browser.runtime.getManifest().version,
    userAgent,
    generatedAt: new Date().toISOString(),
    note: 'Which selector alternative answered each probe; structure only, no page text, addresses or tokens.',
    managed,
    sites,
  };
  return JSON.stringify(report, null, 2);
}
