import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LookupResponse } from '../../lib/contract/index.ts';
import { salesforce15, salesforce18 } from '../../server/domain/crm.ts';
import {
  daysAgo,
  expectProblem,
  extraToken,
  leadContext,
  liveFinancePoint,
  read,
  sha256,
  startTestServer,
  type TestServer,
} from './helpers.ts';

const DANA = 'dana@acme.example';
const SAM = 'sam@initech.example';
let s: TestServer;

const lookup = async (leads: unknown[], token = s.tokens.rep) =>
  (await read(await s.request('POST', '/v1/context/lookup', { token, body: { leads } }), LookupResponse)).results;
const contextOf = (email: string) => leadContext(s, email);

beforeAll(async () => {
  s = await startTestServer();
  const res = await s.request('POST', '/v1/leads', {
    token: s.tokens.admin,
    body: {
      leads: [
        {
          email: DANA,
          segments: { industry: 'Manufacturing', persona: 'Finance', region: 'NA' },
          crmRefs: [{ system: 'salesforce', objectType: 'Lead', id: '00Q5e00000AcmDL' }],
        },
        {
          email: SAM,
          crmRefs: [
            { system: 'salesforce', objectType: 'Contact', id: '0035e00000XyZabAAF' },
            { system: 'hubspot', objectType: 'contact', id: '51' },
          ],
        },
      ],
    },
  });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await s.close();
});

describe('finding leads', () => {
  it('matches Salesforce 15- and 18-character ids as one record, case restored from the suffix', async () => {
    expect(salesforce18('00Q5e00000AcmDL')).toBe('00Q5e00000AcmDLEAZ');
    expect(salesforce15('00q5e00000acmdleaz')).toBe('00Q5e00000AcmDL');
    const sf = (objectType: string, id: string) => ({ crmRef: { system: 'salesforce', objectType, id } });
    const results = await lookup([
      sf('Lead', '00Q5e00000AcmDLEAZ'),
      sf('lead', '00q5e00000acmdleaz'), // a tool lower-cased it: the suffix still says which were capitals
      sf('Lead', '00Q5e00000AcmDL'),
      sf('Lead', '00q5e00000acmdl'), // the 15-character form is case-sensitive: another record
      sf('Contact', '0035e00000XyZab'),
      sf('Contact', '0035E00000XYZABAAF'), // upper-cased, as a spreadsheet might
    ]);
    expect(results.map((r) => (r.found ? r.context.lead.email : null))).toEqual([DANA, DANA, DANA, null, SAM, SAM]);
  });

  it('matches HubSpot contact ids under any name HubSpot gives the object', async () => {
    const hs = (objectType: string) => ({ crmRef: { system: 'hubspot', objectType, id: '51' } });
    const results = await lookup([hs('contact'), hs('0-1'), hs('contacts'), hs('company')]);
    expect(results.map((r) => r.found)).toEqual([true, true, true, false]);
  });

  it('answers up to 20 leads in request order, unknowns found:false, and refuses 21', async () => {
    const leads = Array.from({ length: 20 }, (_, i) =>
      i % 3 === 0 ? { email: DANA } : i % 3 === 1 ? { emailHash: sha256(`nobody${i}@x.example`) } : { email: SAM },
    );
    const results = await lookup(leads);
    expect(results.map((r) => r.ref)).toEqual(leads);
    expect(results.map((r) => r.found)).toEqual(leads.map((l) => !('emailHash' in l)));
    await expectProblem(
      await s.request('POST', '/v1/context/lookup', {
        token: s.tokens.rep,
        body: { leads: [...leads, { email: DANA }] },
      }),
      422,
    );
  });
});

describe('engagement trend', () => {
  it('gives the score as it stood 14 days ago', async () => {
    const events = [
      { id: 'm', email: SAM, type: 'meeting', occurredAt: daysAgo(20) },
      { id: 'o', email: SAM, type: 'email_open', occurredAt: daysAgo(1) },
    ];
    await s.request('POST', '/v1/engagement/events', { token: s.tokens.admin, body: { events } });
    const { summary } = (await contextOf(SAM)).engagement;
    // now:     meeting 8 x 0.5^(20/14) = 8 x 0.371499 = 2.971992, open 0.25 x 0.5^(1/14) = 0.237924 -> 3.2
    // 14 days ago: the meeting was 6 days old, 8 x 0.5^(6/14) = 8 x 0.742997 = 5.943977 -> 5.9; the open had not happened
    expect(summary.score).toBe(3.2);
    expect(summary.previousScore).toBe(5.9);
  });
});

describe("ranking with reps' verdicts, end to end", () => {
  it('sinks a point that did not land with Finance, says why, and recovers when verdicts are withdrawn', async () => {
    const make = (title: string) => liveFinancePoint(s, title);
    const [a, b] = [await make('Payback in 6 months'), await make('Board-ready numbers')];
    if (!a || !b) throw new Error('points not made');
    const before = await contextOf(DANA);
    // persona 1.5 + priority 0.3 = 1.8 each.
    expect(before.talkingPoints.map((p) => p.score)).toEqual([1.8, 1.8]);

    const given: { id: string; token: string }[] = [];
    for (let i = 0; i < 7; i++) {
      const token = await extraToken(s, 'rep', `Rep ${i}`);
      const landed = i >= 5;
      const body = {
        id: randomUUID(),
        target: { kind: 'talkingPoint', id: a.id },
        verdict: landed ? 'landed' : 'didnt_land',
        ...(landed ? {} : { reason: 'not_relevant' }),
        lead: { emailHash: sha256(DANA) },
        occurredAt: daysAgo(1),
      };
      expect((await s.request('POST', '/v1/feedback', { token, body })).status).toBe(201);
      given.push({ id: body.id, token });
    }
    const after = await contextOf(DANA);
    // 5 of 7 didn't land: smoothed (5+1)/(7+4) = 0.545455; penalty 6 x 0.295455 = 1.772727; 1.8 - 1.772727 = 0.03
    expect(after.talkingPoints.map((p) => [p.id, p.score])).toEqual([
      [b.id, 1.8],
      [a.id, 0.03],
    ]);
    const sunk = after.talkingPoints[1];
    expect(sunk?.reasons.at(-1)).toEqual({
      code: 'feedback',
      text: "Often didn't land with Finance (5 of 7 reps said so)",
    });
    expect(sunk?.fared).toEqual({ landed: 2, didntLand: 5 });
    expect(sunk?.version).toBe(1);
    expect(after.talkingPoints[0]?.fared).toBeUndefined();

    // Four reps take theirs back: 1 of 3 didn't land. smoothed (1+1)/(3+4) = 0.285714;
    // penalty 6 x 0.035714 = 0.214286; 1.8 - 0.214286 = 1.585714 -> 1.59
    for (const g of given.slice(0, 4)) {
      expect((await s.request('DELETE', `/v1/feedback/${g.id}`, { token: g.token })).status).toBe(200);
    }
    const recovered = (await contextOf(DANA)).talkingPoints.find((p) => p.id === a.id);
    expect(recovered?.score).toBe(1.59);
    expect(recovered?.reasons.at(-1)?.text).toBe("Didn't land with Finance for 1 of 3 reps");
    expect(recovered?.fared).toEqual({ landed: 2, didntLand: 1 });
  });
});
