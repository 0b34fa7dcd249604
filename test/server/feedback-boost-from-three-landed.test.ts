import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  daysAgo,
  extraToken,
  leadContext,
  liveFinancePoint,
  sha256,
  startTestServer,
  type TestServer,
} from './helpers.ts';

// A rep looking at a Finance lead sees a point lift, with "Landed with 3 of 3 Finance leads", on the
// third landed verdict, and not before: two reps agreeing is not yet a signal (MIN_LANDED_FOR_BOOST).
const DANA = 'dana@acme.example';
let s: TestServer;

const contextOf = (email: string) => leadContext(s, email);

const landed = async (pointId: string, rep: number) => {
  const body = {
    id: randomUUID(),
    target: { kind: 'talkingPoint', id: pointId },
    verdict: 'landed',
    lead: { emailHash: sha256(DANA) },
    occurredAt: daysAgo(1),
  };
  const token = await extraToken(s, 'rep', `Rep ${rep}`);
  expect((await s.request('POST', '/v1/feedback', { token, body })).status).toBe(201);
};

beforeAll(async () => {
  s = await startTestServer();
  const lead = { email: DANA, segments: { industry: 'Manufacturing', persona: 'Finance', region: 'NA' } };
  expect((await s.request('POST', '/v1/leads', { token: s.tokens.admin, body: { leads: [lead] } })).status).toBe(200);
});
afterAll(async () => {
  await s.close();
});

describe('the boost for a point that lands', () => {
  it('starts at exactly three landed verdicts', async () => {
    const make = (title: string) => liveFinancePoint(s, title);
    // Both are persona 1.5 + priority 0.3 = 1.8; whichever sorts first by id wins the tie, so the
    // one reps judge is picked to sort second and must overtake the other to show the boost.
    const [one, two] = [await make('Payback in 6 months'), await make('Board-ready numbers')];
    if (!one || !two) throw new Error('points not made');
    const [first, judged] = one.id < two.id ? [one, two] : [two, one];

    await landed(judged.id, 1);
    await landed(judged.id, 2);
    const afterTwo = await contextOf(DANA);
    expect(afterTwo.talkingPoints.map((p) => [p.id, p.score])).toEqual([
      [first.id, 1.8],
      [judged.id, 1.8],
    ]);
    expect(afterTwo.talkingPoints[1]?.reasons.map((r) => r.code)).not.toContain('feedback');
    expect(afterTwo.talkingPoints[1]?.fared).toEqual({ landed: 2, didntLand: 0 });

    await landed(judged.id, 3);
    const afterThree = await contextOf(DANA);
    // 3 of 3 landed: smoothed (0 + 1) / (3 + 4) = 0.142857; boost 2 x (0.25 - 0.142857) = 0.214286;
    // 1.8 + 0.214286 = 2.014286 -> 2.01
    expect(afterThree.talkingPoints.map((p) => [p.id, p.score])).toEqual([
      [judged.id, 2.01],
      [first.id, 1.8],
    ]);
    expect(afterThree.talkingPoints[0]?.reasons.at(-1)).toEqual({
      code: 'feedback',
      text: 'Landed with 3 of 3 Finance leads',
    });
  });
});
