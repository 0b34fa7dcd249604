// Forged messages get nothing. A content script runs beside an untrusted page and may only report
// what its own tab shows (`page-leads`); every other request it could send (each options request,
// each sidebar intent, garbage) is ignored with no answer and no change to any state, as is anything
// from another extension. Nothing in the extension listens to `window` messages, which any page can post.
import 'fake-indexeddb/auto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { recordTrace } from '../../../lib/background/diagnostics.ts';
import { forgetFrameTickets } from '../../../lib/background/frame-tickets.ts';
import { admitSidebarPort, connectSidebarPort, handleMessage } from '../../../lib/background/messaging.ts';
import { writeTabPage } from '../../../lib/background/pages.ts';
import { FrameTicketReply, OptionsRequest, SIDEBAR_PORT, SidebarIntent } from '../../../lib/messages.ts';
import { openDb } from '../../../lib/store/db.ts';

type Sender = Parameters<typeof handleMessage>[1];

const GMAIL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmvNqLzPhBXwdRjcTvSb';
const OTHER_ID = 'mhjfbmdgcfjbbpaeojofohoefgiehjai';
const TOKEN = 'cf_rep_forged_test_token_0123456789';

const contentScript: Sender = { id: browser.runtime.id, tab: { id: 3 } as never, frameId: 0, url: GMAIL };
const senders: Record<string, Sender> = {
  'a content script on Gmail': contentScript,
  'a content script in a frame of the page': { ...contentScript, frameId: 7, url: 'https://mail.google.com/frame' },
  'another extension, from a tab': { ...contentScript, id: OTHER_ID },
  "another extension's page": { id: OTHER_ID, url: `chrome-extension://${OTHER_ID}/options.html` },
  'another extension claiming our page': { id: OTHER_ID, url: browser.runtime.getURL('/options.html') },
  'a sender with no id': { url: 'https://evil.example/', tab: { id: 9 } as never },
};

/** One valid-looking message of every kind except a page report. */
const uuid = '0b7e2f0e-3c55-4d8e-9a55-2b1f0f7a9c11';
const optionsRequests: OptionsRequest[] = [
  { type: 'connect', endpoint: 'https://evil.example', token: 'cf_attacker' },
  { type: 'connection' },
  { type: 'disconnect' },
  { type: 'preferences' },
  { type: 'set-preferences', preferences: { sitesOff: ['gmail'], internalDomains: ['acme-robotics.com'] } },
  { type: 'diagnostics' },
  { type: 'clear-local-data', includingOutbox: true },
  { type: 'auth-providers', endpoint: 'https://evil.example' },
  { type: 'sign-in', endpoint: 'https://evil.example', providerId: 'sso_attacker' },
  { type: 'managed-policy' },
];
const sidebarIntents: SidebarIntent[] = [
  { type: 'select-lead', index: 1 },
  { type: 'retry' },
  { type: 'open-options' },
  {
    type: 'feedback',
    requestId: 'r1',
    target: { kind: 'talkingPoint', id: 'tp_1' },
    verdict: 'didnt_land',
    reason: 'outdated',
    note: 'forged',
  },
  { type: 'undo-feedback', requestId: 'r2', id: uuid },
  {
    type: 'insert',
    requestId: 'r3',
    text: 'forged text',
    use: { id: uuid, target: { kind: 'talkingPoint', id: 'tp_1' } },
  },
  { type: 'use', id: uuid, action: 'copied', target: { kind: 'talkingPoint', id: 'tp_1' } },
  { type: 'load-more-events' },
  { type: 'resend-failed', id: uuid },
  { type: 'discard-failed', id: uuid },
  { type: 'sign-in' },
];
const garbage: unknown[] = [
  null,
  undefined,
  'connect',
  42,
  [],
  [{ type: 'connect', endpoint: 'https://evil.example', token: 'x' }],
  {},
  { type: 'page-leads' },
  { type: 'page-leads', page: null, tabId: 4 },
  { type: 'page-leads', page: { site: 'gmail', view: 'thread', leads: [{ email: 'dana@acme.com' }] }, extra: 1 },
  JSON.parse('{"type":"page-leads","page":null,"__proto__":{"polluted":true}}'),
  { type: 'insert-text', text: 'forged' },
  { type: 'toggle-dock' },
  { type: 'CONNECT', endpoint: 'https://evil.example', token: 'x' },
];

// Every kind is covered: a new OptionsRequest or SidebarIntent type fails here until a forgery of it is added.
it('the forgeries cover every options request and sidebar intent', () => {
  const kinds = (schema: { options: readonly { shape: { type: { value: string } } }[] }) =>
    schema.options.map((option) => option.shape.type.value).sort();
  expect(optionsRequests.map((request) => request.type).sort()).toEqual(kinds(OptionsRequest));
  expect(sidebarIntents.map((intent) => intent.type).sort()).toEqual(kinds(SidebarIntent));
});

async function everything(): Promise<unknown> {
  const db = await openDb();
  const stores: Record<string, unknown> = {};
  for (const name of Array.from(db.objectStoreNames)) stores[name] = await db.getAll(name as never);
  return {
    stores,
    local: await browser.storage.local.get(null),
    session: await browser.storage.session.get(null),
  };
}

let network: ReturnType<typeof vi.fn>;
let toTabs: ReturnType<typeof vi.spyOn>;

beforeEach(async () => {
  fakeBrowser.reset();
  const db = await openDb();
  await Promise.all(Array.from(db.objectStoreNames).map((name) => db.clear(name as never)));
  // A connected rep with settings, a page on tab 3 and diagnostics: state a forgery could change.
  await db.put(
    'settings',
    { endpoint: 'https://coalface.example.com', token: TOKEN, me: { tokenId: 't1', name: 'Alex', role: 'rep' } },
    'connection',
  );
  await handleMessage(
    { type: 'set-preferences', preferences: { internalDomains: ['coalface-demo.com'] } },
    { id: browser.runtime.id, url: browser.runtime.getURL('/options.html') },
  );
  await writeTabPage(3, { page: { site: 'gmail', view: 'thread', leads: [{ email: 'dana@acme.com' }] }, selected: 0 });
  await recordTrace('gmail', 'thread', [{ probe: 'sender', matched: 'span[email]', count: 1 }]);
  network = vi.fn(() => Promise.reject(new TypeError('no network in this test')));
  vi.stubGlobal('fetch', network);
  toTabs = vi.spyOn(browser.tabs, 'sendMessage');
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe.each(Object.entries(senders))('from %s', (_name, sender) => {
  const forged = [
    ...optionsRequests.map((message) => ({ kind: message.type, message })),
    ...sidebarIntents.map((message) => ({ kind: `intent ${message.type}`, message })),
    ...garbage.map((message, index) => ({ kind: `garbage #${index}`, message })),
  ];
  it.each(forged)('$kind is ignored: no answer, no state change, no request', async ({ message }) => {
    const before = await everything();
    expect(await handleMessage(message, sender)).toBeUndefined();
    expect(await everything()).toEqual(before);
    expect(network).not.toHaveBeenCalled();
    expect(toTabs).not.toHaveBeenCalled();
  });
});

describe('what a content script may do', () => {
  it('report its own page, which lands on its own tab only', async () => {
    const answer = await handleMessage(
      { type: 'page-leads', page: { site: 'gmail', view: 'thread', leads: [{ email: 'raj@northwind.io' }] } },
      { ...contentScript, tab: { id: 5 } as never },
    );
    expect(answer).toEqual({ dock: 'open' });
    const { stores } = (await everything()) as { stores: Record<string, unknown> };
    expect(JSON.stringify(stores)).not.toContain('raj@northwind.io');
    const session = await browser.storage.session.get(null);
    expect(JSON.stringify(session)).toContain('raj@northwind.io');
    expect(JSON.stringify(session)).toContain('dana@acme.com');
  });

  it("another extension's report of a page is dropped", async () => {
    const before = await everything();
    await handleMessage(
      { type: 'page-leads', page: { site: 'gmail', view: 'thread', leads: [{ email: 'raj@northwind.io' }] } },
      senders['another extension, from a tab'] as Sender,
    );
    expect(await everything()).toEqual(before);
  });
});

describe('the sidebar port', () => {
  const port = (sender: Sender, name = SIDEBAR_PORT) => ({ name, sender });
  // The dock's page is web-accessible with a dynamic URL: Chrome serves it from a per-session origin.
  const dockUrl = browser.runtime
    .getURL('/sidebar.html')
    .replace(/\/\/[^/]+\//, '//5b0c9b1e-8d0e-4d6b-9a8e-1c2d3e4f5a6b/');
  /** Our sidebar page loaded in frame `frameId` of tab `tabId`: the dock's iframe, or a page's own iframe of it. */
  const frameInTab = (tabId: number, frameId: number): Sender => ({
    id: browser.runtime.id,
    url: dockUrl,
    tab: { id: tabId } as never,
    frameId,
  });
  const withTicket = (ticket: string) => `${SIDEBAR_PORT}#${ticket}`;
  async function ticketFor(tabId: number): Promise<string> {
    const reply = await handleMessage({ type: 'frame-ticket' }, { ...contentScript, tab: { id: tabId } as never });
    const parsed = FrameTicketReply.safeParse(reply);
    if (!parsed.success) throw new Error(`no ticket for tab ${tabId}: ${JSON.stringify(reply)}`);
    return parsed.data.ticket;
  }

  it('is accepted from the side panel, which is in no tab and needs no ticket', async () => {
    expect(await admitSidebarPort(port({ id: browser.runtime.id, url: browser.runtime.getURL('/sidebar.html') }))).toBe(
      true,
    );
  });

  it('is accepted from the dock frame, with the ticket its tab’s content script was given', async () => {
    const ticket = await ticketFor(3);
    expect(await admitSidebarPort(port(frameInTab(3, 5), withTicket(ticket)))).toBe(true);
  });

  it('lets the same frame back in with its ticket, as after a service-worker restart', async () => {
    const ticket = await ticketFor(3);
    expect(await admitSidebarPort(port(frameInTab(3, 5), withTicket(ticket)))).toBe(true);
    expect(await admitSidebarPort(port(frameInTab(3, 5), withTicket(ticket)))).toBe(true);
  });

  it('is refused from a frame in a tab that brings no ticket: a page’s own iframe of the sidebar', async () => {
    await ticketFor(3);
    expect(await admitSidebarPort(port(frameInTab(3, 9)))).toBe(false);
  });

  it('is refused with a forged ticket', async () => {
    await ticketFor(3);
    expect(await admitSidebarPort(port(frameInTab(3, 9), withTicket('A'.repeat(43))))).toBe(false);
    expect(await admitSidebarPort(port(frameInTab(3, 9), withTicket('not a ticket')))).toBe(false);
  });

  it('is refused with a ticket replayed from another frame once the dock has used it', async () => {
    const ticket = await ticketFor(3);
    expect(await admitSidebarPort(port(frameInTab(3, 5), withTicket(ticket)))).toBe(true);
    expect(await admitSidebarPort(port(frameInTab(3, 9), withTicket(ticket)))).toBe(false);
    expect(await admitSidebarPort(port(frameInTab(4, 5), withTicket(ticket)))).toBe(false);
  });

  it('is refused with a ticket issued to another tab', async () => {
    const ticket = await ticketFor(3);
    expect(await admitSidebarPort(port(frameInTab(4, 5), withTicket(ticket)))).toBe(false);
  });

  it('is refused once the tab that was given the ticket has closed', async () => {
    const ticket = await ticketFor(3);
    await forgetFrameTickets(3);
    expect(await admitSidebarPort(port(frameInTab(3, 5), withTicket(ticket)))).toBe(false);
  });

  it.each(Object.entries(senders))('is refused from %s', async (_name, sender) => {
    const ticket = await ticketFor(3);
    expect(await admitSidebarPort(port(sender))).toBe(false);
    expect(await admitSidebarPort(port(sender, withTicket(ticket)))).toBe(false);
  });

  it('is refused under another name, even from our own page', async () => {
    expect(
      await admitSidebarPort(port({ id: browser.runtime.id, url: browser.runtime.getURL('/sidebar.html') }, 'x')),
    ).toBe(false);
  });

  /** A runtime port as the background sees it, recording what it is sent. */
  function fakePort(sender: Sender, name: string) {
    const posted: unknown[] = [];
    let disconnected = false;
    const port = {
      name,
      sender,
      postMessage: (message: unknown) => posted.push(message),
      disconnect: () => {
        disconnected = true;
      },
      onMessage: { addListener: () => undefined },
      onDisconnect: { addListener: () => undefined },
    };
    return {
      port: port as unknown as Parameters<typeof connectSidebarPort>[0],
      posted,
      disconnected: () => disconnected,
    };
  }

  it('a refused frame is told so, gets no lead data and is let go; the dock frame gets its lead', async () => {
    const ticket = await ticketFor(3);
    const dock = fakePort(frameInTab(3, 5), withTicket(ticket));
    const rogue = fakePort(frameInTab(3, 9), withTicket(ticket));
    connectSidebarPort(dock.port);
    await vi.waitFor(() => expect(JSON.stringify(dock.posted)).toContain('dana@acme.com'));
    connectSidebarPort(rogue.port);
    await vi.waitFor(() => expect(rogue.disconnected()).toBe(true));
    expect(rogue.posted).toEqual([{ status: 'refused' }]);
  });
});

describe('frame tickets', () => {
  it('are given to our content script in the top frame of a tab', async () => {
    const reply = await handleMessage({ type: 'frame-ticket' }, contentScript);
    expect(FrameTicketReply.safeParse(reply).success).toBe(true);
  });

  it('differ every time', async () => {
    const first = await handleMessage({ type: 'frame-ticket' }, contentScript);
    const second = await handleMessage({ type: 'frame-ticket' }, contentScript);
    expect(first).not.toEqual(second);
  });

  const others = Object.entries(senders).filter(([name]) => name !== 'a content script on Gmail');
  it.each(others)('are not given to %s: no answer, no state change', async (_name, sender) => {
    const before = await everything();
    expect(await handleMessage({ type: 'frame-ticket' }, sender)).toBeUndefined();
    expect(await everything()).toEqual(before);
  });
});

describe('window messages', () => {
  const ROOT = resolve(import.meta.dirname, '../../..');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : /\.(?:ts|tsx)$/.test(name) ? [path] : [];
    });
  const extensionCode = ['entrypoints', 'lib/content', 'lib/background', 'lib/ui', 'lib/sites', 'components'].flatMap(
    (dir) => files(join(ROOT, dir)),
  );

  it('no extension code listens to them (any page can post one), nor renders text as HTML', () => {
    expect(extensionCode.length).toBeGreaterThan(20);
    const listeners =
      /addEventListener\(\s*['"`]message['"`]|\bonmessage\s*=|\bwindow\.addEventListener\(\s*['"`]message|dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write\(/;
    const offenders = extensionCode
      .filter((file) => listeners.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});
