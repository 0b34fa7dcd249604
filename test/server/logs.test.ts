import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HardenedServer, startHardened } from './hardening-helpers.ts';

const EMAIL_SHAPED = /[^\s/?#]*(@|%(25)*40)[^\s/?#]*/i;
const json = { 'Content-Type': 'application/json' };

let s: HardenedServer;
beforeAll(async () => {
  s = await startHardened({ rateLimit: { perSecond: 5, burst: 5 } });
});
afterAll(() => s.close());

describe('server logs carry no email address (docs/trust.md)', () => {
  it('not from paths, queries or bodies of failing requests, nor from errors or rate limits', async () => {
    const { rep, marketer, admin } = s.tokens;
    const calls: [string, RequestInit & { token?: string }][] = [
      ['/v1/dana.lee@acme-robotics.com', {}],
      ['/v1/talking-points/dana.lee%40acme-robotics.com', { token: marketer }],
      ['/v1/campaigns/dana.lee@acme-robotics.com', { token: marketer, method: 'PATCH', headers: json, body: '{}' }],
      ['/v1/feedback/dana.lee%2540acme-robotics.com', { token: rep, method: 'DELETE' }],
      ['/console/dana.lee@acme-robotics.com', {}],
      ['/v1/feedback?targetId=dana.lee@acme-robotics.com&zz=dana.lee@acme-robotics.com', { token: marketer }],
      ['/v1/leads/events?emailHash=dana.lee@acme-robotics.com', { token: rep }],
      ['/v1/me?email=dana.lee@acme-robotics.com', { token: 'cf_dana.lee@acme-robotics.com' }],
      [
        '/v1/context/lookup',
        { token: rep, method: 'POST', headers: json, body: '{"leads":[{"email":"dana.lee@acme-robotics"}]}' },
      ],
      [
        '/v1/context/lookup',
        { token: rep, method: 'POST', headers: json, body: '{"leads":[{"email":"dana.lee@acme-robotics.com","x":1}]}' },
      ],
      [
        '/v1/context/lookup',
        { token: rep, method: 'POST', headers: json, body: '{"leads":[{"email":"dana.lee@acme-robotics.com"' },
      ],
      [
        '/v1/leads',
        {
          token: admin,
          method: 'POST',
          headers: json,
          body: '{"leads":[{"email":"dana.lee@acme-robotics.com","lifecycleStage":"x"}]}',
        },
      ],
      [
        '/v1/leads',
        { token: rep, method: 'POST', headers: json, body: '{"leads":[{"email":"dana.lee@acme-robotics.com"}]}' },
      ],
      [
        '/v1/engagement/events',
        { token: admin, method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'dana.lee@acme-robotics.com' },
      ],
    ];
    for (const [path, init] of calls) {
      const res = await s.fetch(path, init);
      await res.arrayBuffer();
    }
    // A server error whose message holds an address (as a database error quoting a value might).
    const find = s.store.lookupReads.byEmail;
    s.store.lookupReads.byEmail = () => {
      throw new Error('UNIQUE constraint failed for dana.lee@acme-robotics.com');
    };
    try {
      const res = await s.fetch('/v1/context/lookup', {
        token: marketer,
        method: 'POST',
        headers: json,
        body: '{"leads":[{"email":"dana.lee@acme-robotics.com"}]}',
      });
      expect(res.status).toBe(500);
      expect(await res.text()).not.toContain('dana');
    } finally {
      s.store.lookupReads.byEmail = find;
    }
    // Over the rate limit, with an address in the query.
    for (let i = 0; i < 8; i++)
      await (await s.fetch('/v1/me?who=dana.lee@acme-robotics.com', { token: rep })).arrayBuffer();

    const log = s.logs.join('\n');
    expect(log).toMatch(/ 429 /);
    expect(log).toMatch(/^error /m);
    expect(s.logs.length).toBeGreaterThanOrEqual(calls.length + 9);
    for (const line of s.logs) {
      expect(line).not.toMatch(EMAIL_SHAPED);
      expect(line).not.toContain('dana');
      expect(line).not.toContain('cf_');
      expect(line).not.toContain('?');
    }
  });
});
