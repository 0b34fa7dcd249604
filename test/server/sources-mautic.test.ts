import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimelinePage } from '../../lib/contract/index.ts';
import { signFor } from '../../server/sources/signature.ts';
import { expectProblem, leadContext, read, sha256, startTestServer, type TestServer } from './helpers.ts';
import { addSource, fixture, mappedSummary, push, pushMapped, sourceSummary } from './sources-helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const rita = (run: string) => `rita.mendes+${run}@contoso.example`;
const li = (run: string) => `li.wei+${run}@fabrikam.example`;

async function timeline(email: string) {
  const res = await server.request('GET', `/v1/leads/events?emailHash=${sha256(email)}&limit=200`, {
    token: server.tokens.rep,
  });
  return (await read(res, TimelinePage)).events;
}

describe("Mautic's webhooks", () => {
  it('several event types in one POST: open, click (a page hit from the email), page hit, form; an unknown type kept as unmapped', async () => {
    const source = await addSource(server.store, 'mautic');
    const { receipt, mapped } = await pushMapped(server, source, 'mautic', fixture('mautic/batch.json', '101'));
    expect(receipt).toEqual({ received: 5, duplicates: 0, queued: 5 });
    expect(mapped).toEqual({ stored: 4, duplicates: 0, unmapped: 1, skipped: 0 });
    const events = await timeline(rita('101'));
    expect(events.map((e) => [e.type, e.content?.title])).toEqual([
      ['form_submit', 'Request a cost review'],
      ['page_view', 'Cloud cost calculator'],
      ['email_click', 'Cut cloud spend 30% before year end'],
      ['email_open', 'Cut cloud spend 30% before year end'],
    ]);
    expect(events[2]?.content).toMatchObject({ id: 'mautic-email-5', url: 'https://www.example.com/playbook' });
    const summary = await sourceSummary(server, source.id);
    expect(summary.counters).toMatchObject({ received: 5, stored: 4, unmapped: 1, rejectedSignature: 0 });
    expect(summary.unmappedNames).toEqual([{ name: 'mautic.lead_channel_subscription_changed', count: 1 }]);
  });

  it('contact saves upsert the lead: name, position as title, company, a mapped stage', async () => {
    const source = await addSource(server.store, 'mautic');
    const { receipt, mapped } = await pushMapped(server, source, 'mautic', fixture('mautic/contact-saves.json', '102'));
    expect(receipt).toMatchObject({ received: 2, queued: 2 });
    expect(mapped).toMatchObject({ stored: 2 });
    const { lead } = await leadContext(server, li('102'));
    expect(lead).toMatchObject({
      name: 'Li Wei',
      title: 'Head of Procurement',
      company: 'Fabrikam Inc.',
      lifecycleStage: 'mql',
    });
  });

  it('the same webhook delivered again is stored once, and the timeline shows it once', async () => {
    const source = await addSource(server.store, 'mautic');
    const body = fixture('mautic/email-click.json', '103');
    const first = await pushMapped(server, source, 'mautic', body);
    const again = await pushMapped(server, source, 'mautic', body);
    // Queued again by Mautic with a later timestamp: same hit id, other bytes.
    const requeued = body.replaceAll(/"timestamp": "[^"]+"/g, `"timestamp": "${new Date().toISOString()}"`);
    expect(requeued).not.toBe(body);
    const third = await pushMapped(server, source, 'mautic', requeued);
    expect([first.mapped.stored, again.receipt.duplicates, third.receipt.duplicates]).toEqual([1, 1, 1]);
    expect((await timeline(rita('103'))).map((e) => e.type)).toEqual(['email_click']);
    expect((await leadContext(server, rita('103'))).engagement.summary.countsByType).toEqual({ email_click: 1 });
  });

  it('refuses a missing or wrong Webhook-Signature with 401 and stores nothing', async () => {
    const source = await addSource(server.store, 'mautic');
    const body = fixture('mautic/email-open.json', '104');
    const refused = [
      await push(server, source, 'mautic', body, {}),
      await push(server, source, 'mautic', body, { 'Webhook-Signature': 'bm90IGEgc2lnbmF0dXJl' }),
      await push(server, source, 'mautic', body, signFor('segment', source.secret, body)),
      await push(server, source, 'mautic', `${body} `, signFor('mautic', source.secret, body)),
    ];
    for (const res of refused) await expectProblem(res, 401);
    await expect(leadContext(server, rita('104'))).rejects.toThrow(/not found/);
    expect((await sourceSummary(server, source.id)).counters).toMatchObject({ received: 0, rejectedSignature: 4 });
    const signed = await push(server, source, 'mautic', body);
    expect(signed.status).toBe(200);
    await mappedSummary(server, source.id);
    expect((await timeline(rita('104'))).map((e) => e.type)).toEqual(['email_open']);
  });

  it('refuses a request whose own send time is more than 5 minutes off (the top-level timestamp of "Send test payload", whose samples are single objects)', async () => {
    const source = await addSource(server.store, 'mautic');
    const stale = fixture('mautic/test-payload.json', '105', Date.now() - 6 * 60_000);
    const res = await push(server, source, 'mautic', stale);
    expect((await expectProblem(res, 401)).type).toMatch(/stale-request$/);
    await expect(leadContext(server, rita('105'))).rejects.toThrow(/not found/);
    const fresh = await pushMapped(server, source, 'mautic', fixture('mautic/test-payload.json', '105'));
    expect(fresh.mapped).toMatchObject({ stored: 1 });
  });
});
