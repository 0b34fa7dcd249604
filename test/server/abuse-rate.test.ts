import { describe, expect, it } from 'vitest';
import { Problem } from '../../lib/contract/index.ts';
import { type HardenedServer, startHardened } from './hardening-helpers.ts';

/** A refill this slow adds no whole unit while a test runs: every count below is the burst's. */
const SLOW = 0.01;

const lookupBody = (leads: number) =>
  JSON.stringify({ leads: Array.from({ length: leads }, (_, i) => ({ email: `lead${i}@example.com` })) });

function lookup(s: HardenedServer, authorization: string, leads = 1) {
  return s.fetch('/v1/context/lookup', {
    method: 'POST',
    headers: { Authorization: authorization, 'Content-Type': 'application/json' },
    body: lookupBody(leads),
  });
}

async function statuses(responses: Promise<Response>[]): Promise<number[]> {
  return Promise.all(
    responses.map(async (pending) => {
      const res = await pending;
      await res.arrayBuffer();
      return res.status;
    }),
  );
}

const tally = (list: number[]) => {
  const out: Record<number, number> = {};
  for (const status of list) out[status] = (out[status] ?? 0) + 1;
  return out;
};

describe('rate limits key on the authenticated token', () => {
  it('gives one bucket to a token however its Authorization header is spelled', async () => {
    const s = await startHardened({ rateLimit: { perSecond: SLOW, burst: 5 } });
    try {
      const token = s.tokens.rep;
      const spellings = [
        `Bearer ${token}`,
        `bearer ${token}`,
        `BEARER ${token}`,
        `Bearer  ${token}`,
        `Bearer   ${token}`,
        `bEaReR ${token}`,
        `Bearer\t${token}`,
        `Bearer ${token} `,
        `BeArEr    ${token}`,
        `bearer\t ${token}`,
      ];
      const got = [];
      for (const spelling of spellings) got.push(...(await statuses([lookup(s, spelling)])));
      expect(got).toEqual([200, 200, 200, 200, 200, 429, 429, 429, 429, 429]);
    } finally {
      await s.close();
    }
  });

  it('charges a lookup one unit per lead it asks for', async () => {
    const s = await startHardened({ rateLimit: { perSecond: SLOW, burst: 60 } });
    try {
      const rep = `Bearer ${s.tokens.rep}`;
      expect(await statuses([lookup(s, rep, 20), lookup(s, rep, 20), lookup(s, rep, 20)])).toEqual([200, 200, 200]);
      const spent = await lookup(s, rep, 1);
      expect(spent.status).toBe(429);
      expect(spent.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(Problem.parse(await spent.json()).detail).toMatch(/each lead .* one/);
      // Another token's budget is its own.
      expect(await statuses([lookup(s, `Bearer ${s.tokens.marketer}`, 20)])).toEqual([200]);
    } finally {
      await s.close();
    }
  });

  it('refuses a lookup of more leads than a burst holds, saying how many fit', async () => {
    const s = await startHardened({ rateLimit: { perSecond: SLOW, burst: 10 } });
    try {
      const res = await lookup(s, `Bearer ${s.tokens.rep}`, 11);
      expect(res.status).toBe(429);
      expect(Problem.parse(await res.json()).detail).toMatch(/at most 10 leads/);
      expect(await statuses([lookup(s, `Bearer ${s.tokens.rep}`, 9)])).toEqual([200]);
    } finally {
      await s.close();
    }
  });
});

describe('refused tokens are limited by address, valid ones are not', () => {
  it('after 150 bogus tokens from one address, a valid admin token from it still gets through', async () => {
    const s = await startHardened({ rateLimit: { perSecond: SLOW, burst: 3 } });
    try {
      const bogus = Array.from({ length: 150 }, (_, i) =>
        s.fetch('/v1/me', { token: `cf_${String(i % 10).repeat(32)}` }),
      );
      // Sent all at once: exactly the burst is answered 401, however they interleave.
      expect(tally(await statuses(bogus))).toEqual({ 401: 3, 429: 147 });
      expect(await statuses([s.fetch('/v1/me', {})])).toEqual([429]);
      expect(await statuses([s.fetch('/v1/me', { token: s.tokens.admin })])).toEqual([200]);
      expect(await statuses([s.fetch('/v1/me', { token: s.tokens.revoked })])).toEqual([429]);
      expect(
        await statuses([
          s.fetch('/v1/leads', {
            token: s.tokens.admin,
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ leads: [{ email: 'nat@example.com' }] }),
          }),
        ]),
      ).toEqual([200]);
    } finally {
      await s.close();
    }
  });
});
