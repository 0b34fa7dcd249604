import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SourceSettings } from '../../lib/contract/index.ts';
import { createSource } from '../../server/sources/create.ts';
import { signFor } from '../../server/sources/signature.ts';
import type { Stores } from '../../server/store/index.ts';
import type { TestServer } from './helpers.ts';

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
