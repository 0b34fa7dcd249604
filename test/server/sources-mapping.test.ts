// Mapping an event name a source sent before anyone knew it: PUT /v1/sources/{id}/mapping/{eventName}
// saves it and maps the kept inbox rows again, so their events reach the lead's timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceList, SourceMappingResult } from '../../lib/contract/index.ts';
import { expectProblem, leadContext, read, startTestServer, type TestServer } from './helpers.ts';
import { addSource, push, pushMapped } from './sources-helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const NAME = 'Pricing Calculator Used';

function track(run: string, n: number, event = NAME): string {
  return JSON.stringify({
    type: 'track',
    event,
    messageId: `map-${run}-${n}`,
    timestamp: new Date(Date.now() - 60_000).toISOString(),
    context: { traits: { email: `pat.quinn+${run}@globex.example` } },
    properties: { content_id: 'pricing-calculator', title: 'Pricing calculator' },
  });
}

async function summary(id: string, token = server.tokens.admin) {
  const res = await server.request('GET', '/v1/sources', { token });
  const found = (await read(res, SourceList)).sources.find((s) => s.id === id);
  if (!found) throw new Error(`${id} not listed`);
  return found;
}

const mapName = (id: string, name: string, body: unknown, token = server.tokens.admin) =>
  server.request('PUT', `/v1/sources/${id}/mapping/${encodeURIComponent(name)}`, { token, body });

describe('mapping an unmapped event name', () => {
  it('maps the kept items into the timeline once, and later pushes of the name map directly', async () => {
    const source = await addSource(server.store, 'segment');
    const email = 'pat.quinn+m1@globex.example';
    const first = await pushMapped(server, source, 'segment', track('m1', 1));
    expect(first.mapped).toMatchObject({ stored: 0, unmapped: 1 });
    const before = await summary(source.id);
    expect(before.unmappedNames).toEqual([{ name: NAME, count: 1 }]);
    expect(before.today).toMatchObject({ day: new Date().toISOString().slice(0, 10), received: 1, unmapped: 1 });

    const result = await read(await mapName(source.id, NAME, { type: 'content_download' }), SourceMappingResult);
    expect(result.remapped).toEqual({ stored: 1, duplicates: 0, skipped: 0, unmapped: 0, pending: 0 });
    expect(result.source.unmappedNames).toEqual([]);
    expect(result.source.settings.mapping[NAME]).toBe('content_download');
    expect(result.source.counters).toMatchObject({ received: 1, stored: 1, unmapped: 0 });
    expect(result.source.today).toMatchObject({ received: 1, stored: 1, unmapped: 0 });

    const timelineOf = async () => (await leadContext(server, email)).engagement.timeline;
    expect((await timelineOf()).map((e) => [e.type, e.content?.title])).toEqual([
      ['content_download', 'Pricing calculator'],
    ]);

    // Mapping the same name again finds nothing left to map, and stores nothing twice.
    const again = await read(await mapName(source.id, NAME, { type: 'content_download' }), SourceMappingResult);
    expect(again.remapped.stored).toBe(0);

    // Spelled as another tool would spell it, the name now maps on arrival.
    const later = await pushMapped(server, source, 'segment', track('m1', 2, 'pricing_calculator_used'));
    expect(later.mapped).toMatchObject({ stored: 1, unmapped: 0 });
    expect((await timelineOf()).map((e) => e.type)).toEqual(['content_download', 'content_download']);
  });

  it('null takes the entry away: the name is kept as unmapped again from then on', async () => {
    const source = await addSource(server.store, 'segment', { mapping: { [NAME]: 'page_view' } });
    expect((await pushMapped(server, source, 'segment', track('m2', 1))).mapped).toMatchObject({ stored: 1 });
    const result = await read(await mapName(source.id, NAME, { type: null }), SourceMappingResult);
    expect(result.source.settings.mapping).toEqual({});
    expect((await pushMapped(server, source, 'segment', track('m2', 2))).mapped).toMatchObject({
      stored: 0,
      unmapped: 1,
    });
  });

  it('a marketer reads the sources but may not map; an unknown source is a 404', async () => {
    const source = await addSource(server.store, 'segment');
    await pushMapped(server, source, 'segment', track('m3', 1));
    expect((await push(server, source, 'segment', track('m3', 2), { 'X-Signature': 'bad' })).status).toBe(401);
    // What another day counted is in the all-time figures, not in today's.
    await server.store.sources.count(source.id, { received: 5 }, undefined, '2000-01-01T12:00:00.000Z');
    const listed = await summary(source.id, server.tokens.marketer);
    expect(listed.unmappedNames).toEqual([{ name: NAME, count: 1 }]);
    expect(listed.today).toMatchObject({ received: 1, unmapped: 1, rejectedSignature: 1 });
    expect(listed.counters).toMatchObject({ received: 6, unmapped: 1, rejectedSignature: 1 });
    expect(listed.lastErrors).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(source.secret);

    const refused = await expectProblem(
      await mapName(source.id, NAME, { type: 'content_download' }, server.tokens.marketer),
      403,
    );
    expect(refused.detail).toMatch(/only an admin/i);
    expect((await summary(source.id)).unmappedNames).toEqual([{ name: NAME, count: 1 }]);

    await expectProblem(await mapName('src_0000000000000000', NAME, { type: 'page_view' }), 404);
  });

  it('a type that is not one of ours is a 422 naming the ones that are; nothing is saved', async () => {
    const source = await addSource(server.store, 'segment');
    await pushMapped(server, source, 'segment', track('m4', 1));
    const bad = await expectProblem(await mapName(source.id, NAME, { type: 'download' }), 422);
    expect(bad.errors).toEqual([{ path: 'type', message: expect.stringMatching(/"content_download"/) }]);
    const after = await summary(source.id);
    expect(after.settings.mapping).toEqual({});
    expect(after.unmappedNames).toEqual([{ name: NAME, count: 1 }]);
  });
});
