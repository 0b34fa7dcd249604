import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HardenedServer, startHardened } from './hardening-helpers.ts';
import { addSource, fixture, push } from './sources-helpers.ts';

let s: HardenedServer;
beforeAll(async () => {
  s = await startHardened({ rateLimit: { perSecond: 0.001, burst: 3 } });
});
afterAll(() => s.close());

describe('pushes from connected tools', () => {
  it('are limited per source, not per sender address, and leave token checks from that address alone', async () => {
    const busy = await addSource(s.store, 'segment');
    const quiet = await addSource(s.store, 'segment');
    const server = { url: s.url } as Parameters<typeof push>[0];
    const send = (source: typeof busy, i: number) =>
      push(server, source, 'segment', fixture('segment/track-form-submitted.json', `r${i}`));
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await send(busy, i)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = await send(busy, 9);
    expect(refused.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(await refused.text()).toContain('pushes to this source');
    // Another source from the same address, and a token-less request from it, are not held back.
    expect((await send(quiet, 10)).status).toBe(200);
    expect((await s.fetch('/v1/me')).status).toBe(401);
  });
});
