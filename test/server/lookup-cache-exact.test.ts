import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ifMatch } from '../../lib/contract/version-tag.ts';
import { createLookupCache, type LookupCache } from '../../server/cache/lookup-cache.ts';
import { leadContext } from '../../server/routes/lookup.ts';
import { daysAgo, demoMessage, sha256, startTestServer, type TestServer } from './helpers.ts';

/**
 * The lookup keeps the catalog, tallies, funnel and each lead's newest events between requests. Its
 * answers must be exactly what a fresh computation gives: here a long-lived cache and a brand-new one
 * answer the same lead at the same instant after every step of a random history of writes (events,
 * lead changes, campaigns, points, verdicts, funnel versions and signatures), at random clock times.
 */
let s: TestServer;
beforeAll(async () => {
  // Hundreds of writes a second from one token: the rate limit is not what this test is about.
  s = await startTestServer({ rateLimit: false });
});
afterAll(() => s.close());

const LEADS = ['ana@acme.example', 'ben@acme.example', 'chloe@globex.example'];
const TYPES = ['email_open', 'email_click', 'page_view', 'content_download', 'webinar_attended', 'meeting'] as const;
const TOPICS = ['cost', 'security', null] as const;
const CAMPAIGNS = ['spring', 'summer'] as const;

const step = fc.oneof(
  fc.record({
    kind: fc.constant('events' as const),
    lead: fc.nat(LEADS.length - 1),
    items: fc.array(
      fc.record({
        type: fc.constantFrom(...TYPES),
        ago: fc.double({ min: -0.9, max: 300, noNaN: true }),
        topic: fc.constantFrom(...TOPICS),
        campaign: fc.constantFrom(...CAMPAIGNS, null),
      }),
      { minLength: 1, maxLength: 60 },
    ),
  }),
  fc.record({
    kind: fc.constant('lead' as const),
    lead: fc.nat(LEADS.length - 1),
    stage: fc.constantFrom('lead', 'mql', 'sql', 'opportunity'),
    persona: fc.constantFrom('Finance', 'IT', undefined),
    campaigns: fc.option(fc.subarray([...CAMPAIGNS]), { nil: undefined }),
    crm: fc.option(fc.stringMatching(/^00Q[0-9]{12}$/), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('campaign' as const),
    key: fc.constantFrom(...CAMPAIGNS),
    startsAgo: fc.integer({ min: -30, max: 200 }),
    days: fc.integer({ min: 1, max: 300 }),
  }),
  fc.record({
    kind: fc.constant('point' as const),
    priority: fc.integer({ min: 1, max: 5 }),
    topic: fc.constantFrom(...TOPICS),
    persona: fc.constantFrom('Finance', 'IT', undefined),
    validFromAgo: fc.option(fc.integer({ min: -60, max: 60 }), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('verdict' as const), lead: fc.nat(LEADS.length - 1), landed: fc.boolean() }),
  fc.record({ kind: fc.constant('funnel' as const), sign: fc.boolean() }),
);

let sequence = 0;
const points: string[] = [];

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

async function apply(op: Step): Promise<void> {
  const as = (token: string) => (method: string, path: string, body?: unknown) =>
    s.request(method, path, { token, body });
  const admin = as(s.tokens.admin);
  const marketer = as(s.tokens.marketer);
  let res: Response | undefined;
  if (op.kind === 'events') {
    const { lead, items } = op;
    const events = items.map((e) => ({
      id: `evt-${++sequence}`,
      email: LEADS[lead],
      type: e.type,
      occurredAt: daysAgo(e.ago),
      ...(e.topic ? { content: { id: `c-${e.topic}`, title: `About ${e.topic}`, topic: e.topic } } : {}),
      ...(e.campaign ? { campaign: e.campaign } : {}),
    }));
    res = await admin('POST', '/v1/engagement/events', { events });
  } else if (op.kind === 'lead') {
    const { lead, stage, persona, campaigns, crm } = op;
    const body = {
      email: LEADS[lead],
      name: `Lead ${lead}`,
      lifecycleStage: stage,
      ...(persona ? { segments: { persona } } : {}),
      ...(campaigns ? { campaigns } : {}),
      ...(crm ? { crmRefs: [{ system: 'salesforce', objectType: 'Lead', id: `${crm.slice(0, 14)}${lead}` }] } : {}),
    };
    res = await admin('POST', '/v1/leads', { leads: [body] });
  } else if (op.kind === 'campaign') {
    const { key, startsAgo, days } = op;
    const startsAt = daysAgo(startsAgo);
    const endsAt = daysAgo(startsAgo - days);
    res = await marketer('POST', '/v1/campaigns', {
      key,
      name: `Campaign ${key}`,
      status: 'active',
      startsAt,
      endsAt,
      message: demoMessage,
    });
  } else if (op.kind === 'point') {
    const { priority, topic, persona, validFromAgo } = op;
    res = await marketer('POST', '/v1/talking-points', {
      title: `Point ${++sequence}`,
      body: 'b',
      status: 'live',
      priority,
      ...(persona ? { audience: { personas: [persona] } } : {}),
      ...(topic ? { triggers: { topics: [topic] } } : {}),
      ...(validFromAgo !== undefined ? { validFrom: daysAgo(validFromAgo) } : {}),
    });
    if (res.status === 201) points.push(((await res.clone().json()) as { id: string }).id);
  } else if (op.kind === 'verdict') {
    const { lead, landed } = op;
    const target = points.at(-1);
    if (!target) return;
    res = await as(s.tokens.rep)('POST', '/v1/feedback', {
      id: randomUUID(),
      target: { kind: 'talkingPoint', id: target },
      verdict: landed ? 'landed' : 'didnt_land',
      ...(landed ? {} : { reason: 'not_relevant' }),
      lead: { emailHash: sha256(LEADS[lead] ?? '') },
      occurredAt: new Date().toISOString(),
    });
  } else if (op.kind === 'funnel') {
    const funnel = (await (await marketer('GET', '/v1/funnel')).json()) as { version: number; stages: unknown[] };
    const { sign } = op;
    res = sign
      ? await marketer('POST', '/v1/funnel/signatures', { version: funnel.version })
      : await s.request('PUT', '/v1/funnel', {
          token: s.tokens.marketer,
          headers: ifMatch(funnel.version),
          body: { stages: funnel.stages, note: `step ${++sequence}` },
        });
  }
  expect(res === undefined || res.status < 300, `${op.kind}: ${res?.status} ${await res?.text()}`).toBe(true);
}

async function contextWith(cache: LookupCache, email: string, now: Date) {
  const reading = await s.store.lookupReads.byEmail(email);
  return reading ? leadContext(cache, reading, now) : null;
}

describe('lookup caches', () => {
  it('answer byte for byte as a fresh computation, after any history of writes and at any clock time', async () => {
    const kept = createLookupCache(s.store);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(step, fc.nat(LEADS.length - 1), fc.double({ min: -120, max: 200, noNaN: true })), {
          minLength: 1,
          maxLength: 12,
        }),
        async (history) => {
          for (const [op, lead, clockDays] of history) {
            await apply(op);
            const email = LEADS[lead] ?? '';
            const now = new Date(Date.now() + clockDays * 86_400_000);
            const cached = await contextWith(kept, email, now);
            const fresh = await contextWith(createLookupCache(s.store), email, now);
            expect(JSON.stringify(cached)).toBe(JSON.stringify(fresh));
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
