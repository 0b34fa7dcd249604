// A sidebar's uses reach the outbox: a copy or an opened call to action at once, an insert only once
// the text went in, each with the lead's hash and the id the sidebar made, never any text; a use with
// no lead on screen, or one the sidebar may not claim, is not queued.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { writeCached } from '../../../lib/background/cache.ts';
import { leadKey, writeTabPage } from '../../../lib/background/pages.ts';
import { attachSidebar } from '../../../lib/background/sidebar-ports.ts';
import { openDb } from '../../../lib/store/db.ts';
import { danaContext } from '../components/fixtures.ts';

const TAB = 4;
const DANA = { email: danaContext.lead.email };
const POINT = { kind: 'talkingPoint', id: 'tp_1' } as const;
const ID = (n: number) => `4444444${n}-4444-4444-8444-444444444444`;

/** A dock sidebar in the tab, admitted at once; returns what the sidebar would post. */
function openDock(): (message: unknown) => void {
  let hear: (message: unknown) => void = () => {};
  const port = {
    name: 'sidebar',
    sender: { id: browser.runtime.id, tab: { id: TAB } },
    postMessage: () => undefined,
    disconnect: () => undefined,
    onMessage: {
      addListener: (listener: (message: unknown) => void) => {
        hear = listener;
      },
    },
    onDisconnect: { addListener: () => undefined },
  };
  attachSidebar(port as unknown as Parameters<typeof attachSidebar>[0], Promise.resolve(true));
  return (message) => hear(message);
}

const queued = async () => (await (await openDb()).getAll('uses')).map((use) => use.input);
/** Lets the background finish what it was handed (it answers uses with nothing). */
const settled = () => new Promise((resolve) => setTimeout(resolve, 50));

beforeEach(async () => {
  fakeBrowser.reset();
  const db = await openDb();
  await Promise.all(Array.from(db.objectStoreNames).map((name) => db.clear(name as never)));
  await writeTabPage(TAB, { page: { site: 'gmail', view: 'thread', leads: [DANA] }, selected: 0 });
  await writeCached(leadKey(DANA), danaContext);
});

describe('a use from the sidebar', () => {
  it('is queued with the lead on screen and the id the sidebar made, and no text', async () => {
    const send = openDock();
    send({ type: 'use', id: ID(1), action: 'copied', target: POINT });
    send({ type: 'use', id: ID(2), action: 'opened_cta', target: { kind: 'campaignMessage', id: 'q4' } });
    await vi.waitFor(async () => expect(await queued()).toHaveLength(2));
    const uses = await queued();
    expect(uses.map(({ id, action, target, lead }) => ({ id, action, target, lead }))).toEqual([
      { id: ID(1), action: 'copied', target: POINT, lead: { emailHash: danaContext.lead.emailHash } },
      {
        id: ID(2),
        action: 'opened_cta',
        target: { kind: 'campaignMessage', id: 'q4' },
        lead: { emailHash: danaContext.lead.emailHash },
      },
    ]);
    expect(JSON.stringify(uses)).not.toContain(danaContext.lead.email);
  });

  it('is not queued with no lead this browser holds', async () => {
    await writeTabPage(TAB, {
      page: { site: 'gmail', view: 'thread', leads: [{ email: 'nobody@else.example' }] },
      selected: 0,
    });
    openDock()({ type: 'use', id: ID(1), action: 'copied', target: POINT });
    await settled();
    expect(await queued()).toEqual([]);
  });

  it('cannot claim an insert: that rides on the insert itself', async () => {
    openDock()({ type: 'use', id: ID(1), action: 'inserted', target: POINT });
    await settled();
    expect(await queued()).toEqual([]);
  });
});

describe('an insert', () => {
  const contentScriptAnswers = (reply: unknown) =>
    vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue(reply as never);

  it('is a use once the text went in, and carries none of it', async () => {
    contentScriptAnswers({ ok: true });
    openDock()({
      type: 'insert',
      requestId: 'r1',
      text: 'Ask about idle capacity.',
      use: { id: ID(3), target: POINT },
    });
    await vi.waitFor(async () => expect(await queued()).toHaveLength(1));
    const [use] = await queued();
    expect(use).toMatchObject({ id: ID(3), action: 'inserted', target: POINT });
    expect(JSON.stringify(use)).not.toContain('idle capacity');
  });

  it('that did not go in is no use', async () => {
    contentScriptAnswers({ ok: false, reason: 'no-compose' });
    openDock()({ type: 'insert', requestId: 'r1', text: 'Hello', use: { id: ID(3), target: POINT } });
    await settled();
    expect(await queued()).toEqual([]);
  });
});
