// @vitest-environment node
// With no sidebar open, the sync alarm reads the changes feed: page after page from the stored
// cursor, each change applied once, and the cursor kept so the next read starts after it.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearCursor, pollChanges, readCursor } from '../../../lib/background/live.ts';
import type { Change } from '../../../lib/contract/changes.ts';
import { deleteLocalDb } from './helpers.ts';
import { json, scriptNetwork } from './scripted-network.ts';

const credentials = { endpoint: 'http://127.0.0.1:8787', token: 'cf_test' };
const change = (cursor: string): Change => ({
  cursor,
  kind: 'campaign',
  id: 'q4-cloud-savings',
  op: 'retire',
  version: 1,
  at: '2026-11-26T10:00:00.000Z',
});

let network: ReturnType<typeof scriptNetwork>;
let applied: Change[][];
const onChanges = async (changes: Change[]) => {
  applied.push(changes);
};
const sinces = () => network.sent.map((request) => request.url.searchParams.get('since'));

beforeEach(() => {
  network = scriptNetwork();
  applied = [];
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await deleteLocalDb();
});

describe('reading the changes feed', () => {
  it('follows hasMore from cursor to cursor, applies each page once, and keeps the last cursor', async () => {
    const pages: Record<string, unknown> = {
      none: { changes: [change('5')], cursor: '5', hasMore: true },
      '5': { changes: [change('6')], cursor: '6', hasMore: false },
      '6': { changes: [], cursor: '6', hasMore: false },
    };
    network.answer = (request) => json(pages[request.url.searchParams.get('since') ?? 'none']);

    await pollChanges(credentials, onChanges);
    expect(sinces()).toEqual([null, '5']);
    expect(applied).toEqual([[change('5')], [change('6')]]);
    expect(await readCursor()).toBe('6');

    await pollChanges(credentials, onChanges);
    expect(sinces()).toEqual([null, '5', '6']);
    expect(applied).toHaveLength(2); // an empty page applies nothing
  });

  it('reads at most 20 pages in one go, and the next read resumes where it stopped', async () => {
    network.answer = (request) => {
      if (network.sent.length > 25) throw new Error('still paging');
      const next = String(Number(request.url.searchParams.get('since') ?? '0') + 1);
      return json({ changes: [change(next)], cursor: next, hasMore: true });
    };
    await pollChanges(credentials, onChanges);
    expect(network.sent).toHaveLength(20);
    expect(await readCursor()).toBe('20');
  });

  it('starts over from "now" once the cursor is cleared', async () => {
    network.answer = () => json({ changes: [], cursor: '9', hasMore: false });
    await pollChanges(credentials, onChanges);
    expect(await readCursor()).toBe('9');
    await clearCursor();
    expect(await readCursor()).toBeUndefined();
    await pollChanges(credentials, onChanges);
    expect(sinces()).toEqual([null, null]);
  });
});
