// @vitest-environment node
// What an open sidebar shows for the lead on its tab: the cached copy at once (marked refreshing when
// it is old), then the endpoint's answer; the cached copy, marked stale, when the endpoint is away; and
// never an old page's answer over a newer one.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REVALIDATE_AFTER_MS, readCached, writeCached } from '../../../lib/background/cache.ts';
import { connect } from '../../../lib/background/connection.ts';
import { enqueue } from '../../../lib/background/outbox.ts';
import { leadKey, writeTabPage } from '../../../lib/background/pages.ts';
import { refresh, refreshAll, repaintAll } from '../../../lib/background/refresh.ts';
import { addSidebar, removeSidebar, type Sidebar } from '../../../lib/background/sidebar-registry.ts';
import type { PageLead } from '../../../lib/messages.ts';
import { danaContext } from '../components/fixtures.ts';
import { deleteLocalDb } from './helpers.ts';
import { json, type SentRequest, scriptNetwork, until } from './scripted-network.ts';

const DANA: PageLead = { email: danaContext.lead.email };
const SAM: PageLead = { email: 'sam.ortiz@acme-robotics.com' };
const found = { results: [{ ref: DANA, found: true, context: danaContext }] };

let network: ReturnType<typeof scriptNetwork>;
const sidebars: Sidebar[] = [];
const lookups = () => network.sent.filter((request) => request.url.pathname === '/v1/context/lookup');

/** An open dock sidebar in `tabId`, and what it has been shown. */
function openSidebar(tabId: number) {
  const shown: Record<string, unknown>[] = [];
  const port = {
    postMessage: (state: Record<string, unknown>) => shown.push(state),
  } as unknown as Browser.runtime.Port;
  const sidebar = { port, dockTab: tabId, tabId };
  sidebars.push(sidebar);
  addSidebar(sidebar);
  return shown;
}
const onPage = (tabId: number, ...leads: PageLead[]) =>
  writeTabPage(tabId, { page: { site: 'gmail', view: 'thread', leads }, selected: 0 });
const ready = (leads: PageLead[], freshness: string, fetchedAt: unknown = expect.any(Number)) => ({
  status: 'ready',
  leads,
  selected: 0,
  feedback: [],
  failed: [],
  context: danaContext,
  fetchedAt,
  freshness,
});

beforeEach(async () => {
  fakeBrowser.reset();
  network = scriptNetwork((request: SentRequest) =>
    request.url.pathname === '/v1/me' ? json({ tokenId: 't1', name: 'Alex', role: 'rep' }) : json(found),
  );
  await connect('http://127.0.0.1:8787', 'cf_test');
  network.sent.length = 0;
});
afterEach(async () => {
  for (const sidebar of sidebars.splice(0)) removeSidebar(sidebar);
  vi.unstubAllGlobals();
  await deleteLocalDb();
});

describe('before there is a lead to show', () => {
  it('says so when not connected', async () => {
    await deleteLocalDb();
    const shown = openSidebar(5);
    await onPage(5, DANA);
    await refresh(5);
    expect(shown).toEqual([{ status: 'not_connected' }]);
  });

  it('says there is no lead when the page has none', async () => {
    const shown = openSidebar(5);
    await refresh(5);
    await onPage(5);
    await refresh(5);
    expect(shown).toEqual([{ status: 'no_lead' }, { status: 'no_lead' }]);
    expect(network.sent).toEqual([]);
  });
});

describe('a lead this browser has not cached', () => {
  it('shows loading, asks the endpoint for that lead, then shows its context fresh', async () => {
    const shown = openSidebar(5);
    await onPage(5, DANA);
    await refresh(5);
    expect(shown).toEqual([{ status: 'loading', leads: [DANA], selected: 0 }, ready([DANA], 'fresh')]);
    expect(lookups().map((request) => JSON.parse(request.body ?? ''))).toEqual([{ leads: [DANA] }]);
  });

  it('asks by CRM reference for a lead the CRM page names', async () => {
    const crm: PageLead = { crmRef: { system: 'salesforce', objectType: 'Lead', id: '00Q5g00000AbCdE' } };
    network.answer = () => json({ results: [{ ref: crm, found: false }] });
    const shown = openSidebar(5);
    await onPage(5, crm);
    await refresh(5);
    expect(JSON.parse(lookups()[0]?.body ?? '')).toEqual({ leads: [crm] });
    expect(shown.at(-1)).toEqual({ status: 'not_found', leads: [crm], selected: 0, feedback: [], failed: [] });
  });

  it('with the endpoint unreachable, shows an error that says why', async () => {
    network.answer = () => Promise.reject(new TypeError('fetch failed'));
    const shown = openSidebar(5);
    await onPage(5, DANA);
    await refresh(5);
    expect(shown.at(-1)).toEqual({
      status: 'error',
      leads: [DANA],
      selected: 0,
      message: expect.stringContaining("Can't reach the endpoint"),
    });
  });

  it('repainting from local data only shows loading and asks no one', async () => {
    const shown = openSidebar(5);
    await onPage(5, DANA);
    await refresh(5, 'never');
    expect(shown).toEqual([{ status: 'loading', leads: [DANA], selected: 0 }]);
    expect(network.sent).toEqual([]);
  });
});

describe('a cached lead', () => {
  it('just fetched: shown fresh at once, with its verdicts and the loading-more flag asked for, no lookup', async () => {
    const entry = await writeCached(leadKey(DANA), danaContext);
    await enqueue({
      id: '55555555-5555-4555-8555-555555555555',
      target: { kind: 'talkingPoint', id: 'tp_1' },
      verdict: 'landed',
      lead: { emailHash: danaContext.lead.emailHash },
      occurredAt: '2026-11-26T10:00:00.000Z',
    });
    const shown = openSidebar(5);
    await onPage(5, DANA);
    await refresh(5, 'auto', { loadingMore: true });
    expect(shown).toEqual([
      {
        ...ready([DANA], 'fresh', entry.fetchedAt),
        feedback: [expect.objectContaining({ id: '55555555-5555-4555-8555-555555555555', status: 'queued' })],
        loadingMore: true,
      },
    ]);
    expect(network.sent).toEqual([]);
  });

  it('older than the revalidation age: shown refreshing, then fresh from the endpoint', async () => {
    const old = Date.now() - REVALIDATE_AFTER_MS - 1_000;
    await writeCached(leadKey(DANA), danaContext, old);
    const shown = openSidebar(5);
    await onPage(5, DANA);
    await refresh(5);
    expect(shown).toEqual([ready([DANA], 'refreshing', old), ready([DANA], 'fresh')]);
    expect((shown[1] as { fetchedAt: number }).fetchedAt).toBeGreaterThan(old);
    expect(lookups()).toHaveLength(1);
  });

  it('forced (a marketer changed something): asked again even when just fetched', async () => {
    await writeCached(leadKey(DANA), danaContext);
    const shown = openSidebar(5);
    await onPage(5, DANA);
    await refresh(5, 'force');
    expect(shown.map((state) => state.freshness)).toEqual(['refreshing', 'fresh']);
    expect(lookups()).toHaveLength(1);
  });

  it('repainted from local data only: shown as it is, even when old, and nobody is asked', async () => {
    const old = Date.now() - REVALIDATE_AFTER_MS - 1_000;
    await writeCached(leadKey(DANA), danaContext, old);
    const shown = openSidebar(5);
    await onPage(5, DANA);
    await repaintAll();
    expect(shown).toEqual([ready([DANA], 'fresh', old)]);
    expect(network.sent).toEqual([]);
  });

  it('with the endpoint away: the cached copy stays, marked stale', async () => {
    network.answer = () => Promise.reject(new TypeError('fetch failed'));
    const old = Date.now() - REVALIDATE_AFTER_MS - 1_000;
    await writeCached(leadKey(DANA), danaContext, old);
    const shown = openSidebar(5);
    await onPage(5, DANA);
    await refresh(5);
    expect(shown).toEqual([ready([DANA], 'refreshing', old), ready([DANA], 'stale', old)]);
  });

  it.each([401, 403])('refused with %i: the cached copy is not shown, the reason is', async (status) => {
    network.answer = () => json({ type: 'x', title: 'No', status, detail: 'Token revoked.' }, status);
    const old = Date.now() - REVALIDATE_AFTER_MS - 1_000;
    await writeCached(leadKey(DANA), danaContext, old);
    const shown = openSidebar(5);
    await onPage(5, DANA);
    await refresh(5);
    expect(shown.at(-1)).toEqual({
      status: 'error',
      leads: [DANA],
      selected: 0,
      message: expect.stringContaining(`(${status}).`),
    });
  });

  it('seen again after more than a minute is marked used (kept by the size bound); sooner, it is not rewritten', async () => {
    const now = Date.now();
    await writeCached(leadKey(DANA), danaContext, now - 20_000);
    await writeCached(leadKey(SAM), null, now - 2 * 60_000);
    openSidebar(5);
    openSidebar(6);
    await onPage(5, DANA);
    await onPage(6, SAM);
    await repaintAll();
    await until(async () => ((await readCached(leadKey(SAM)))?.lastUsedAt ?? 0) >= now, 'Sam marked used');
    expect((await readCached(leadKey(DANA)))?.lastUsedAt).toBe(now - 20_000);
  });
});

describe('several sidebars and pages', () => {
  it('two tabs on the same lead cost the endpoint one lookup; a later refresh asks again', async () => {
    const five = openSidebar(5);
    const six = openSidebar(6);
    await onPage(5, DANA);
    await onPage(6, DANA);
    await refreshAll();
    expect(lookups()).toHaveLength(1);
    expect(five.at(-1)).toEqual(ready([DANA], 'fresh'));
    expect(six.at(-1)).toEqual(ready([DANA], 'fresh'));
    await refresh(5, 'force');
    expect(lookups()).toHaveLength(2);
  });

  it("a slow answer for the page a rep left never replaces the new page's state", async () => {
    let answerDana: (response: Response) => void = () => undefined;
    network.answer = (request) =>
      JSON.parse(request.body ?? '').leads[0].email === DANA.email
        ? new Promise<Response>((resolve) => {
            answerDana = resolve;
          })
        : json({ results: [{ ref: SAM, found: false }] });
    const shown = openSidebar(5);
    await onPage(5, DANA);
    const slow = refresh(5);
    await until(() => lookups().length === 1, 'the lookup of Dana');
    await onPage(5, SAM);
    await refresh(5);
    answerDana(json(found));
    await slow;
    expect(shown.map((state) => state.status)).toEqual(['loading', 'loading', 'not_found']);
  });

  it("a failure for the page a rep left is not shown over the new page's state", async () => {
    let failDana: () => void = () => undefined;
    network.answer = (request) =>
      JSON.parse(request.body ?? '').leads[0].email === DANA.email
        ? new Promise<Response>((_resolve, reject) => {
            failDana = () => reject(new TypeError('fetch failed'));
          })
        : json({ results: [{ ref: SAM, found: false }] });
    const shown = openSidebar(5);
    await onPage(5, DANA);
    const slow = refresh(5);
    await until(() => lookups().length === 1, 'the lookup of Dana');
    await onPage(5, SAM);
    await refresh(5);
    failDana();
    await slow;
    expect(shown.map((state) => state.status)).toEqual(['loading', 'loading', 'not_found']);
  });

  it('each tab is refreshed on its own: a newer refresh of one tab does not silence another', async () => {
    let answerDana: (response: Response) => void = () => undefined;
    network.answer = (request) =>
      JSON.parse(request.body ?? '').leads[0].email === DANA.email
        ? new Promise<Response>((resolve) => {
            answerDana = resolve;
          })
        : json({ results: [{ ref: SAM, found: false }] });
    const five = openSidebar(5);
    const six = openSidebar(6);
    await onPage(5, DANA);
    await onPage(6, SAM);
    const slow = refresh(5);
    await until(() => lookups().length === 1, 'the lookup of Dana');
    await refresh(6);
    answerDana(json(found));
    await slow;
    expect(five.at(-1)).toEqual(ready([DANA], 'fresh'));
    expect(six.at(-1)).toMatchObject({ status: 'not_found' });
  });
});
