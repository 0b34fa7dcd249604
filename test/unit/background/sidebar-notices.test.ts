// The background answers a sidebar's intents with outcome codes; the sidebar words them from
// _locales. Only a detail from outside the extension (the contract's complaint) travels as text.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { writeCached } from '../../../lib/background/cache.ts';
import { leadKey, writeTabPage } from '../../../lib/background/pages.ts';
import { attachSidebar } from '../../../lib/background/sidebar-ports.ts';
import { type SidebarIntent, SidebarNotice } from '../../../lib/messages.ts';
import { openDb } from '../../../lib/store/db.ts';
import { danaContext } from '../components/fixtures.ts';

const TAB = 3;
const DANA = { email: danaContext.lead.email };
const POINT = { kind: 'talkingPoint', id: 'tp_1' } as const;

/** A dock sidebar in tab 3, admitted at once; returns a way to send an intent and await its answer. */
function openDock() {
  const posted: unknown[] = [];
  let hear: (message: unknown) => void = () => {};
  const port = {
    name: 'sidebar',
    sender: { id: browser.runtime.id, tab: { id: TAB } },
    postMessage: (message: unknown) => posted.push(message),
    disconnect: () => undefined,
    onMessage: {
      addListener: (listener: (message: unknown) => void) => {
        hear = listener;
      },
    },
    onDisconnect: { addListener: () => undefined },
  };
  attachSidebar(port as unknown as Parameters<typeof attachSidebar>[0], Promise.resolve(true));
  return async (intent: SidebarIntent & { requestId: string }) => {
    hear(intent);
    return vi.waitFor(() => {
      const answer = posted
        .map((message) => SidebarNotice.safeParse(message))
        .find((parsed) => parsed.success && parsed.data.requestId === intent.requestId);
      if (!answer?.success) throw new Error(`no answer to ${intent.requestId} yet`);
      const { type: _type, requestId: _id, ...rest } = answer.data;
      return rest;
    });
  };
}

beforeEach(async () => {
  fakeBrowser.reset();
  const db = await openDb();
  await Promise.all(Array.from(db.objectStoreNames).map((name) => db.clear(name as never)));
  await writeTabPage(TAB, { page: { site: 'gmail', view: 'thread', leads: [DANA] }, selected: 0 });
});

describe('a verdict', () => {
  it('is answered queued once it is stored', async () => {
    await writeCached(leadKey(DANA), danaContext);
    const ask = openDock();
    expect(await ask({ type: 'feedback', requestId: 'r1', target: POINT, verdict: 'landed' })).toEqual({
      ok: true,
      code: 'queued',
    });
  });

  it('on a lead this browser has not loaded is answered no-lead', async () => {
    const ask = openDock();
    expect(await ask({ type: 'feedback', requestId: 'r1', target: POINT, verdict: 'landed' })).toEqual({
      ok: false,
      code: 'no-lead',
    });
  });

  it("the contract refuses carries the contract's own words", async () => {
    await writeCached(leadKey(DANA), danaContext);
    const ask = openDock();
    expect(await ask({ type: 'feedback', requestId: 'r1', target: POINT, verdict: 'didnt_land' })).toEqual({
      ok: false,
      code: 'invalid',
      message: "a didn't-land verdict needs a reason",
    });
  });

  it('this browser does not hold cannot be undone: unknown', async () => {
    const ask = openDock();
    const id = '0b7e2f0e-3c55-4d8e-9a55-2b1f0f7a9c11';
    expect(await ask({ type: 'undo-feedback', requestId: 'r1', id })).toEqual({ ok: false, code: 'unknown' });
  });
});

describe('insert', () => {
  const contentScriptAnswers = (reply: unknown) =>
    vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue(reply as never);

  it("answers with the content script's outcome", async () => {
    contentScriptAnswers({ ok: false, reason: 'no-compose' });
    const ask = openDock();
    expect(await ask({ type: 'insert', requestId: 'r1', text: 'Hello' })).toEqual({ ok: false, code: 'no-compose' });
  });

  it('answers inserted when the text went in', async () => {
    contentScriptAnswers({ ok: true });
    const ask = openDock();
    expect(await ask({ type: 'insert', requestId: 'r1', text: 'Hello' })).toEqual({ ok: true, code: 'inserted' });
  });

  it('answers not-supported where no content script listens', async () => {
    vi.spyOn(browser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection'));
    const ask = openDock();
    expect(await ask({ type: 'insert', requestId: 'r1', text: 'Hello' })).toEqual({
      ok: false,
      code: 'not-supported',
    });
  });
});
