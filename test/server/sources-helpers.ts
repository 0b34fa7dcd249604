import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type SourceCounters,
  SourceList,
  SourceReceipt,
  type SourceSettings,
  type SourceSummary,
} from '../../lib/contract/index.ts';
import { createSource } from '../../server/sources/create.ts';
import { signFor } from '../../server/sources/signature.ts';
import type { Stores } from '../../server/store/index.ts';
import { read, type TestServer } from './helpers.ts';

/** A fixed operator key for tests (32 bytes as base64), set in this process's environment. */
export const TEST_SOURCE_KEY = Buffer.alloc(32, 7).toString('base64');

export function useTestSourceKey(): Buffer {
  process.env.COALFACE_SOURCE_KEY = TEST_SOURCE_KEY;
  return Buffer.from(TEST_SOURCE_KEY, 'base64');
}

export async function addSource(
  store: Stores,
  kind: 'segment' | 'mautic',
  settings?: Partial<SourceSettings>,
): Promise<{ id: string; secret: string; path: string }> {
  return createSource(
    store,
    { kind, name: `Test ${kind}`, ...(settings ? { settings } : {}) },
    useTestSourceKey(),
    new Date().toISOString(),
  );
}

const FIXTURES = resolve(import.meta.dirname, '../fixtures/sources');

/** A fixture's text with `{{NOW}}`, `{{NOW-<minutes>}}` and `{{RUN}}` filled in, so its times are recent. */
export function fixture(name: string, run = 'r1', now = Date.now()): string {
  return readFileSync(resolve(FIXTURES, name), 'utf8')
    .replace(/\{\{NOW(?:-(\d+))?\}\}/g, (_, minutes: string | undefined) =>
      new Date(now - Number(minutes ?? 0) * 60_000).toISOString(),
    )
    .replace(/\{\{RUN\}\}/g, run);
}

/** Posts `body` as the tool would: signed with the source's secret over the exact bytes sent. */
export function push(
  server: TestServer,
  source: { path: string; secret: string },
  kind: 'segment' | 'mautic',
  body: string,
  headers: Record<string, string> = signFor(kind, source.secret, body),
): Promise<Response> {
  return fetch(`${server.url}${source.path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
}

/** The source as an admin sees it on the Sources page (`GET /v1/sources`). */
export async function sourceSummary(server: TestServer, id: string): Promise<SourceSummary> {
  const res = await server.request('GET', '/v1/sources', { token: server.tokens.admin });
  const found = (await read(res, SourceList)).sources.find((s) => s.id === id);
  if (!found) throw new Error(`${id} not listed`);
  return found;
}

/** Every item received is accounted for: stored, a duplicate, kept as unmapped or skipped. */
export const allMapped = (c: SourceCounters) => c.stored + c.duplicates + c.unmapped + c.skipped === c.received;

/** Polls the source's summary until every item it received is mapped, and returns it. */
export async function mappedSummary(server: TestServer, id: string, timeoutMs = 15_000): Promise<SourceSummary> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const summary = await sourceSummary(server, id);
    if (allMapped(summary.counters)) return summary;
    if (Date.now() > deadline) throw new Error(`${id} still has items to map: ${JSON.stringify(summary.counters)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export type Mapped = Pick<SourceCounters, 'stored' | 'duplicates' | 'unmapped' | 'skipped'>;

/**
 * Pushes as the tool would, then waits until the source has mapped it: the receipt, and what mapping
 * made of this push's items as the admin's counters show it (their change; `duplicates` counts items
 * the inbox already held as well as events already stored).
 */
export async function pushMapped(
  server: TestServer,
  source: { id: string; path: string; secret: string },
  kind: 'segment' | 'mautic',
  body: string,
): Promise<{ receipt: SourceReceipt; mapped: Mapped }> {
  const before = (await mappedSummary(server, source.id)).counters;
  const receipt = await read(await push(server, source, kind, body), SourceReceipt);
  const after = (await mappedSummary(server, source.id)).counters;
  return {
    receipt,
    mapped: {
      stored: after.stored - before.stored,
      duplicates: after.duplicates - before.duplicates,
      unmapped: after.unmapped - before.unmapped,
      skipped: after.skipped - before.skipped,
    },
  };
}
