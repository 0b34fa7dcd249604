import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../../log.ts';
import { redact } from '../../log.ts';
import type { Store } from '../../store/index.ts';
import { logMappingError } from '../inbox-mapper.ts';
import type { InboxItem } from '../items.ts';
import { mapRows } from '../map-inbox.ts';
import { openSecret } from '../secret-box.ts';
import { loadSourceKey, type SourceKey } from '../source-key.ts';
import { HubspotError, hubspotBaseUrl, hubspotClient } from './api.ts';
import { pullContacts } from './contacts.ts';
import { DEFAULT_HISTORY_DAYS, initialCursor, parseCursor } from './cursor.ts';
import { pullEmailEvents } from './email-events.ts';
import { pullFormSubmissions } from './forms.ts';
import { LeaseLost, type PullRun } from './run.ts';

/** A sync renews its lease after every page; one that stops renewing (a crash) is taken over after this. */
export const LEASE_MS = 5 * 60_000;

export interface SyncTally {
  received: number;
  stored: number;
  duplicates: number;
  unmapped: number;
  skipped: number;
  failed: number;
}

export type SyncOutcome =
  | { status: 'done'; tally: SyncTally; errors: string[] }
  | { status: 'failing'; tally: SyncTally; message: string }
  | { status: 'busy' }
  | { status: 'not-found' };

export interface SyncDeps {
  /** Who holds the lease: one name per process (`syncHolder()`). */
  holder: string;
  clock?: () => Date;
  logger: Logger;
  baseUrl?: string;
  key?: SourceKey;
  sleep?: (ms: number) => Promise<void>;
}

export const syncHolder = () => `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

const PULLS = [
  ['email events', pullEmailEvents],
  ['form submissions', pullFormSubmissions],
  ['contacts', pullContacts],
] as const;

const TOKEN_REFUSED =
  'HubSpot refused the private app token (401): it was revoked, rotated or mistyped. Make a new token and add the source again (source remove, source add hubspot).';

/** What went wrong with one kind, as the source's last errors show it. */
function describe(kind: string, error: unknown): string {
  if (error instanceof HubspotError && error.status === 403)
    return `${kind}: HubSpot refused the token's access (403, a scope missing from the private app?): ${error.message}`;
  if (error instanceof HubspotError) return `${kind}: HubSpot answered ${error.status}: ${error.message}`;
  return `${kind}: ${redact(error instanceof Error ? error.message : String(error))}`;
}

/**
 * Pulls one HubSpot source: email events, form submissions, then contacts, each from where the
 * cursor says, saving it after every page. Only the lease holder syncs; a second caller gets `busy`.
 * A 401 stops the sync and marks the source failing; other errors are recorded and the next kind runs.
 */
export async function syncHubspotSource(store: Store, id: string, deps: SyncDeps): Promise<SyncOutcome> {
  const clock = deps.clock ?? (() => new Date());
  const nowIso = () => clock().toISOString();
  const source = await store.sources.get(id);
  if (!source || source.kind !== 'hubspot') return { status: 'not-found' };
  const leaseUntil = () => new Date(clock().getTime() + LEASE_MS).toISOString();
  if (!(await store.sources.claimSync(id, deps.holder, nowIso(), leaseUntil()))) return { status: 'busy' };

  const tally: SyncTally = { received: 0, stored: 0, duplicates: 0, unmapped: 0, skipped: 0, failed: 0 };
  const errors: string[] = [];
  let failing: string | null = null;
  try {
    const key = deps.key ?? loadSourceKey(undefined);
    const token = key.ok && source.secretEnc ? openSecret(source.secretEnc, key.key, id) : null;
    if (!token) {
      failing = key.ok
        ? "The token does not open with this endpoint's source key (a different COALFACE_SOURCE_KEY?)."
        : `Cannot read the token: ${key.problem}`;
      await store.sources.recordError(id, nowIso(), failing);
      return { status: 'failing', tally, message: failing };
    }
    const state = await store.sources.syncState(id);
    const cursor = parseCursor(state?.cursorJson ?? null, () =>
      initialCursor(new Date(source.createdAt), DEFAULT_HISTORY_DAYS),
    );
    const run: PullRun = {
      api: hubspotClient({
        baseUrl: deps.baseUrl ?? hubspotBaseUrl(),
        token,
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
      }),
      cursor,
      async deliver(items: InboxItem[]) {
        if (items.length === 0) return;
        const { ids, duplicates } = await store.sources.accept(id, items, nowIso());
        const rows = await store.sources.pending({ ids, limit: ids.length });
        await mapRows(store, rows, nowIso, logMappingError(deps.logger));
        // Read back: a serving process's inbox mapper may have mapped some of the rows first.
        const states = await store.sources.statesOf(ids);
        tally.received += items.length;
        tally.duplicates += duplicates + (states.duplicate ?? 0);
        tally.stored += states.stored ?? 0;
        tally.unmapped += states.unmapped ?? 0;
        tally.skipped += states.skipped ?? 0;
        tally.failed += states.new ?? 0;
      },
      async save() {
        const held = await store.sources.claimSync(id, deps.holder, nowIso(), leaseUntil());
        if (!held || !(await store.sources.saveCursor(id, deps.holder, JSON.stringify(cursor)))) throw new LeaseLost();
      },
    };
    for (const [kind, pull] of PULLS) {
      try {
        await pull(run);
      } catch (error) {
        if (error instanceof LeaseLost) return { status: 'busy' };
        if (error instanceof HubspotError && error.status === 401) {
          failing = TOKEN_REFUSED;
          await store.sources.recordError(id, nowIso(), failing);
          return { status: 'failing', tally, message: failing };
        }
        const message = describe(kind, error);
        errors.push(message);
        await store.sources.recordError(id, nowIso(), message);
      }
    }
    return { status: 'done', tally, errors };
  } finally {
    await store.sources.finishSync(id, deps.holder, nowIso(), failing);
  }
}

/** Syncs every HubSpot source in turn (what `serve` runs on its schedule). */
export async function syncAllHubspot(store: Store, deps: SyncDeps): Promise<void> {
  for (const id of await store.sources.pulledIds()) {
    if (!store.isOpen()) return;
    const outcome = await syncHubspotSource(store, id, deps);
    if (outcome.status === 'failing') deps.logger.error(`error sources: HubSpot ${id}: ${outcome.message}`);
    if (outcome.status === 'done' && outcome.tally.received > 0) {
      const t = outcome.tally;
      deps.logger.info(
        `sources: HubSpot ${id} synced: ${t.received} received, ${t.stored} stored, ${t.duplicates} duplicates, ${t.skipped} skipped`,
      );
    }
  }
}
