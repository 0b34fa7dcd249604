import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceList, TimelinePage } from '../../lib/contract/index.ts';
import { signFor } from '../../server/sources/signature.ts';
import { expectProblem, leadContext, read, sha256, startTestServer, type TestServer } from './helpers.ts';
import { addSource, fixture, mappedSummary, push, pushMapped, sourceSummary } from './sources-helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const dana = (run: string) => `dana.lee+${run}@acme-robotics.com`;
const sam = (run: string) => `sam.okafor+${run}@northwind.example`;

/** The lead's whole timeline as the timeline route pages it. */
async function timeline(email: string) {
  const res = await server.request('GET', `/v1/leads/events?emailHash=${sha256(email)}&limit=200`, {
    token: server.tokens.rep,
  });
  return (await read(res, TimelinePage)).events;
}

describe('Segment spec calls', () => {
  it('identify upserts the lead from traits: name from first and last, title, company, mapped stage', async () => {
    const source = await addSource(server.store, 'segment');
    const { receipt, mapped } = await pushMapped(server, source, 'segment', fixture('segment/identify.json', 'id1'));
    expect(receipt).toEqual({ received: 1, duplicates: 0, queued: 1 });
    expect(mapped).toMatchObject({ stored: 1, duplicates: 0 });
    const { lead } = await leadContext(server, dana('id1'));
    expect(lead).toMatchObject({
      name: 'Dana Lee',
      title: 'VP Finance',
      company: 'Acme Robotics',
      lifecycleStage: 'mql',
    });
  });

  it('track, page and the Email spec become timeline events; delivery is not engagement', async () => {
    const source = await addSource(server.store, 'segment');
    for (const file of ['track-form-submitted', 'page', 'email-opened', 'email-link-clicked', 'email-delivered']) {
      const res = await push(server, source, 'segment', fixture(`segment/${file}.json`, 'tr1'));
      expect(res.status, file).toBe(200);
    }
    expect((await mappedSummary(server, source.id)).counters).toMatchObject({
      received: 5,
      stored: 4,
      skipped: 1,
      unmapped: 0,
    });
    const events = await timeline(dana('tr1'));
    expect(events.map((e) => [e.type, e.content?.title])).toEqual([
      ['form_submit', 'Talk to sales'],
      ['page_view', 'Pricing'],
      ['email_open', 'Cut cloud spend 30% before year end'],
      ['email_click', 'Cut cloud spend 30% before year end'],
    ]);
    expect(events[3]?.content?.url).toBe('https://www.example.com/playbook');
    const { engagement } = await leadContext(server, dana('tr1'));
    expect(engagement.summary.countsByType).toEqual({ form_submit: 1, page_view: 1, email_open: 1, email_click: 1 });
  });

  it('a batch is taken whole; an event name the mapping does not know is kept as unmapped and counted', async () => {
    const source = await addSource(server.store, 'segment');
    const { receipt, mapped } = await pushMapped(server, source, 'segment', fixture('segment/batch.json', 'b1'));
    expect(receipt).toEqual({ received: 5, duplicates: 0, queued: 5 });
    expect(mapped).toEqual({ stored: 4, duplicates: 0, unmapped: 1, skipped: 0 });
    const { lead, engagement } = await leadContext(server, sam('b1'));
    expect(lead).toMatchObject({ name: 'Sam Okafor', title: 'Head of IT', company: 'Northwind Traders' });
    expect(engagement.timeline.map((e) => e.type)).toEqual(['demo_request', 'content_download', 'webinar_registered']);
    expect(engagement.timeline[1]?.content).toEqual({
      id: 'cloud-playbook',
      title: 'Cloud Cost Playbook',
      url: 'https://www.example.com/playbook.pdf',
      topic: 'cost',
    });
    const summary = await sourceSummary(server, source.id);
    expect(summary.counters).toMatchObject({ received: 5, stored: 4, unmapped: 1 });
    expect(summary.unmappedNames).toEqual([{ name: 'Pricing Calculator Used', count: 1 }]);
    expect(summary.path).toBe(`/v1/sources/${source.id}/segment`);
  });

  it("a batch's own context applies to each call in it, as Segment's batch API does", async () => {
    const source = await addSource(server.store, 'segment');
    const email = 'ctx.batch@acme-robotics.com';
    const call = { type: 'track', event: 'Demo Requested', messageId: 'ctx-1', timestamp: new Date().toISOString() };
    const body = JSON.stringify({ batch: [call], context: { traits: { email } } });
    expect((await pushMapped(server, source, 'segment', body)).mapped).toMatchObject({ stored: 1 });
    expect((await timeline(email)).map((e) => e.type)).toEqual(['demo_request']);
  });

  it("uses the source's own mapping before the defaults", async () => {
    const source = await addSource(server.store, 'segment', {
      mapping: { pricing_calculator_used: 'trial_signup', 'Demo Requested': 'ignore' },
    });
    const { mapped } = await pushMapped(server, source, 'segment', fixture('segment/batch.json', 'map1'));
    expect(mapped).toMatchObject({ stored: 4, unmapped: 0, skipped: 1 });
    const types = (await timeline(sam('map1'))).map((e) => e.type);
    expect(types).toEqual(['trial_signup', 'content_download', 'webinar_registered']);
  });

  it('a repeated or replayed messageId is stored once, and the lead shows it once', async () => {
    const source = await addSource(server.store, 'segment');
    const body = fixture('segment/email-opened.json', 'rep1');
    const first = await pushMapped(server, source, 'segment', body);
    const again = await pushMapped(server, source, 'segment', body);
    // A replay with other bytes (re-serialised, a later retry) but the same messageId.
    const reshaped = JSON.stringify({ ...JSON.parse(body), sentAt: new Date().toISOString() }, null, 2);
    const replay = await pushMapped(server, source, 'segment', reshaped);
    expect([first.mapped.stored, again.receipt.duplicates, replay.receipt.duplicates]).toEqual([1, 1, 1]);
    expect([first.receipt.queued, again.receipt.queued, replay.receipt.queued]).toEqual([1, 0, 0]);
    expect(await timeline(dana('rep1'))).toHaveLength(1);
    expect((await leadContext(server, dana('rep1'))).engagement.summary.countsByType).toEqual({ email_open: 1 });
    expect((await sourceSummary(server, source.id)).counters).toMatchObject({ received: 3, stored: 1, duplicates: 2 });
  });

  it('refuses events older than the source allows', async () => {
    const source = await addSource(server.store, 'segment', { maxEventAgeHours: 24 });
    const body = fixture('segment/email-opened.json', 'old1', Date.now() - 3 * 86_400_000);
    const { receipt, mapped } = await pushMapped(server, source, 'segment', body);
    expect(receipt).toMatchObject({ received: 1, queued: 1 });
    expect(mapped).toMatchObject({ stored: 0, skipped: 1 });
    await expect(leadContext(server, dana('old1'))).rejects.toThrow(/not found/);
  });
});

describe('Segment authenticity', () => {
  it('refuses an unsigned, a wrongly signed or an altered request with 401 and stores nothing', async () => {
    const source = await addSource(server.store, 'segment');
    const other = await addSource(server.store, 'segment');
    const body = fixture('segment/identify.json', 'sig1');
    const signed = signFor('segment', source.secret, body);
    const attempts = [
      await push(server, source, 'segment', body, {}),
      await push(server, source, 'segment', body, signFor('segment', other.secret, body)),
      await push(server, source, 'segment', body.replace('VP Finance', 'CEO'), signed),
      await push(server, source, 'segment', body, signFor('mautic', source.secret, body)),
      await push(server, source, 'segment', body, { Authorization: `Bearer ${other.secret}` }),
    ];
    for (const res of attempts) expect((await expectProblem(res, 401)).type).toMatch(/bad-signature$/);
    await expect(leadContext(server, dana('sig1'))).rejects.toThrow(/not found/);
    const summary = await sourceSummary(server, source.id);
    expect(summary.counters).toMatchObject({ received: 0, stored: 0, rejectedSignature: 5 });
    expect(summary.lastErrors[0]?.message).toMatch(/X-Signature/);
  });

  it('takes the secret as a Bearer token or a Basic password from senders that cannot sign', async () => {
    const source = await addSource(server.store, 'segment');
    const bearer = await push(server, source, 'segment', fixture('segment/identify.json', 'bear1'), {
      Authorization: `Bearer ${source.secret}`,
    });
    expect(bearer.status).toBe(200);
    const basic = Buffer.from(`rudderstack:${source.secret}`).toString('base64');
    const viaBasic = await push(server, source, 'segment', fixture('segment/page.json', 'bear1'), {
      Authorization: `Basic ${basic}`,
    });
    expect(viaBasic.status).toBe(200);
    await mappedSummary(server, source.id);
    expect((await timeline(dana('bear1'))).map((e) => e.type)).toEqual(['page_view']);
  });

  it('answers 404 for an unknown source or the other kind of source, and 503 while no source key is set', async () => {
    const mautic = await addSource(server.store, 'mautic');
    const body = fixture('segment/identify.json', 'k1');
    const wrongKind = await push(server, { ...mautic, path: `/v1/sources/${mautic.id}/segment` }, 'segment', body);
    expect((await expectProblem(wrongKind, 404)).type).toMatch(/unknown-source$/);
    const unknown = await push(
      server,
      { path: '/v1/sources/src_0123456789abcdef/segment', secret: 'x' },
      'segment',
      body,
    );
    await expectProblem(unknown, 404);
    const source = await addSource(server.store, 'segment');
    const key = process.env.COALFACE_SOURCE_KEY;
    delete process.env.COALFACE_SOURCE_KEY;
    try {
      const res = await push(server, source, 'segment', body);
      expect((await expectProblem(res, 503)).detail).toMatch(/source key/);
      expect(res.headers.get('retry-after')).toBe('60');
    } finally {
      process.env.COALFACE_SOURCE_KEY = key;
    }
    await expect(leadContext(server, dana('k1'))).rejects.toThrow(/not found/);
  });

  it('answers 503 when the configured key is not the one the source was sealed with', async () => {
    const source = await addSource(server.store, 'segment');
    const key = process.env.COALFACE_SOURCE_KEY;
    process.env.COALFACE_SOURCE_KEY = Buffer.alloc(32, 9).toString('hex');
    try {
      const res = await push(server, source, 'segment', fixture('segment/identify.json', 'k2'));
      expect((await expectProblem(res, 503)).type).toMatch(/source-key-mismatch$/);
    } finally {
      process.env.COALFACE_SOURCE_KEY = key;
    }
    await expect(leadContext(server, dana('k2'))).rejects.toThrow(/not found/);
    expect((await push(server, source, 'segment', fixture('segment/identify.json', 'k2'))).status).toBe(200);
  });

  it('lists sources to admins and marketers (the console page), never a secret', async () => {
    const res = await server.request('GET', '/v1/sources', { token: server.tokens.rep });
    await expectProblem(res, 403);
    for (const token of [server.tokens.admin, server.tokens.marketer]) {
      const listed = await read(await server.request('GET', '/v1/sources', { token }), SourceList);
      expect(JSON.stringify(listed)).not.toMatch(/cfsrc_|"v1\.|secret_?enc/i);
    }
  });
});
