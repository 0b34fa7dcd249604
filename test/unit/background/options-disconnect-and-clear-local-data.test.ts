// @vitest-environment node
// From the options page: Disconnect gives queued verdicts one last try, tells the rep how many could
// not be sent, and leaves nothing of Coalface behind; "Clear local data" keeps the connection and,
// unless asked, the outbox. Connecting as someone else drops what was cached for the previous one.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readCached, writeCached } from '../../../lib/background/cache.ts';
import { connect, loadConnection, normaliseEndpoint } from '../../../lib/background/connection.ts';
import { FRAME_TICKETS_KEY } from '../../../lib/background/frame-tickets.ts';
import { pollChanges, readCursor } from '../../../lib/background/live.ts';
import { handleMessage } from '../../../lib/background/messaging.ts';
import { enqueue, pendingCount } from '../../../lib/background/outbox.ts';
import type { FeedbackInput } from '../../../lib/contract/feedback.ts';
import { deleteLocalDb } from './helpers.ts';
import { json, type SentRequest, scriptNetwork } from './scripted-network.ts';

const ENDPOINT = 'http://127.0.0.1:8787';
const optionsPage = { id: browser.runtime.id, url: browser.runtime.getURL('/options.html') };
const HASH = 'd'.repeat(64);
const verdict = (n: number): FeedbackInput => ({
  id: `6666666${n}-6666-4666-8666-666666666666`,
  target: { kind: 'talkingPoint', id: 'tp_1' },
  verdict: 'landed',
  lead: { emailHash: HASH },
  occurredAt: '2026-11-26T10:00:00.000Z',
});
const accepted = (request: SentRequest) =>
  json(
    {
      ...JSON.parse(request.body ?? ''),
      reason: null,
      note: null,
      lead: { emailHash: HASH, segments: {} },
      rep: { name: 'Demo rep' },
      receivedAt: '2026-11-26T10:00:01.000Z',
      withdrawnAt: null,
    },
    201,
  );

let network: ReturnType<typeof scriptNetwork>;
let tokenId: string;
let feedback: (request: SentRequest) => Response | Promise<Response>;
const posts = () => network.sent.filter((request) => request.url.pathname === '/v1/feedback');

/** Everything a connected browser holds locally besides the connection. */
async function useForAWhile() {
  await writeCached('email:dana@acme.example', null);
  await pollChanges({ endpoint: ENDPOINT, token: 'cf_test' }, async () => undefined);
  await browser.storage.session.set({ [FRAME_TICKETS_KEY]: { t: 1 }, 'page:5': { page: null, selected: 0 } });
  await browser.storage.local.set({ diagnostics: { gmail: 1 }, preferences: { sitesOff: ['gmail'] } });
}

beforeEach(async () => {
  fakeBrowser.reset();
  tokenId = 't1';
  feedback = () => Promise.reject(new TypeError('fetch failed'));
  network = scriptNetwork((request) => {
    if (request.url.pathname === '/v1/me') return json({ tokenId, name: 'Alex', role: 'rep' });
    if (request.url.pathname === '/v1/changes') return json({ changes: [], cursor: '12', hasMore: false });
    return feedback(request);
  });
  await connect(ENDPOINT, 'cf_test');
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await deleteLocalDb();
});

describe('Disconnect', () => {
  it('tells the rep how many verdicts could not be sent, and leaves nothing behind', async () => {
    await useForAWhile();
    await enqueue(verdict(1));
    await enqueue(verdict(2));
    const answer = await handleMessage({ type: 'disconnect' }, optionsPage);
    expect(answer).toEqual({
      ok: true,
      connection: { connected: false },
      notice:
        "2 verdicts could not reach the endpoint before you disconnected and were removed with the rest of this browser's Coalface data.",
    });
    expect(posts()).toHaveLength(1); // one last try; the rest wait behind the unreachable endpoint
    expect(await loadConnection()).toBeNull();
    expect(await pendingCount()).toBe(0);
    expect(await readCached('email:dana@acme.example')).toBeUndefined();
    expect(await readCursor()).toBeUndefined();
    expect(await browser.storage.local.get(null)).toEqual({});
    expect(await browser.storage.session.get(null)).toEqual({ [FRAME_TICKETS_KEY]: { t: 1 } });
  });

  it('words a single unsent verdict in the singular', async () => {
    await enqueue(verdict(1));
    const answer = await handleMessage({ type: 'disconnect' }, optionsPage);
    expect(answer).toMatchObject({
      notice:
        "1 verdict could not reach the endpoint before you disconnected and was removed with the rest of this browser's Coalface data.",
    });
  });

  it('says nothing more when the last try sent everything', async () => {
    feedback = accepted;
    await enqueue(verdict(1));
    expect(await handleMessage({ type: 'disconnect' }, optionsPage)).toEqual({
      ok: true,
      connection: { connected: false },
    });
    expect(posts()).toHaveLength(1);
  });
});

describe('Clear local data', () => {
  it('drops the cache, the cursor, page state and diagnostics, but keeps the connection, preferences and outbox', async () => {
    await useForAWhile();
    await enqueue(verdict(1));
    expect(await handleMessage({ type: 'clear-local-data', includingOutbox: false }, optionsPage)).toEqual({
      ok: true,
      connection: { connected: true, endpoint: ENDPOINT, me: { tokenId: 't1', name: 'Alex', role: 'rep' } },
    });
    expect(await readCached('email:dana@acme.example')).toBeUndefined();
    expect(await readCursor()).toBeUndefined();
    expect(await browser.storage.session.get(null)).toEqual({ [FRAME_TICKETS_KEY]: { t: 1 } });
    expect(await browser.storage.local.get(null)).toEqual({ preferences: { sitesOff: ['gmail'] } });
    expect(await pendingCount()).toBe(1);
    expect(network.sent.filter((request) => request.url.pathname === '/v1/feedback')).toEqual([]);
  });

  it('drops the unsent verdicts too when asked', async () => {
    await enqueue(verdict(1));
    await handleMessage({ type: 'clear-local-data', includingOutbox: true }, optionsPage);
    expect(await pendingCount()).toBe(0);
  });
});

describe('the options page', () => {
  it('gets a sentence back for a request the background does not understand', async () => {
    expect(await handleMessage({ type: 'self-destruct' }, optionsPage)).toEqual({
      ok: false,
      message: 'The extension sent itself a message it does not understand.',
    });
  });

  it('is told to paste a token when the token is blank, and nothing is sent', async () => {
    network.sent.length = 0;
    expect(await handleMessage({ type: 'connect', endpoint: ENDPOINT, token: '   ' }, optionsPage)).toEqual({
      ok: false,
      message: 'Paste the access token your admin gave you.',
    });
    expect(network.sent).toEqual([]);
  });

  it('sends the token without the spaces pasted around it', async () => {
    network.sent.length = 0;
    await handleMessage({ type: 'connect', endpoint: ENDPOINT, token: '  cf_other \n' }, optionsPage);
    expect(network.sent[0]?.headers.Authorization).toBe('Bearer cf_other');
  });
});

describe('the endpoint URL a rep types', () => {
  it('keeps its path but loses every trailing slash', () => {
    expect(normaliseEndpoint('https://coalface.example.com/team//')).toBe('https://coalface.example.com/team');
  });
});

describe('connecting again', () => {
  it('as the same person to the same endpoint keeps what was cached', async () => {
    await useForAWhile();
    await connect(`${ENDPOINT}/`, 'cf_test');
    expect(await readCached('email:dana@acme.example')).toBeDefined();
    expect(await readCursor()).toBe('12');
  });

  it('as another person drops what was cached and the change cursor', async () => {
    await useForAWhile();
    tokenId = 't2';
    await connect(ENDPOINT, 'cf_colleague');
    expect(await readCached('email:dana@acme.example')).toBeUndefined();
    expect(await readCursor()).toBeUndefined();
  });

  it('to another endpoint drops what was cached and the change cursor', async () => {
    await useForAWhile();
    await connect('http://localhost:8787', 'cf_test');
    expect(await readCached('email:dana@acme.example')).toBeUndefined();
    expect(await readCursor()).toBeUndefined();
  });
});
