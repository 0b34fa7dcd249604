import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedbackSummary, TalkingPoint } from '../../lib/contract/index.ts';
import { demoMessage, read, sha256, startTestServer, type TestServer } from './helpers.ts';
import { emailOf, LEADS, NOW, SINCE, USES } from './moved-forward-scenario.ts';

// The hand-worked example of moved-forward-scenario.ts, stored as rows and read back through the summary.
let s: TestServer;
const pointIds = new Map<string, string>();

beforeAll(async () => {
  s = await startTestServer({ clock: () => new Date(NOW) });
  const admin = (path: string, body: unknown) => s.request('POST', path, { token: s.tokens.admin, body });
  expect((await admin('/v1/campaigns', { key: 'q4', name: 'Q4', status: 'active', message: demoMessage })).status).toBe(
    201,
  );
  for (const name of ['tp_a', 'tp_b']) {
    const body = { campaign: 'q4', title: `Point ${name}`, body: 'Say it.', status: 'live' };
    pointIds.set(name, (await read(await admin('/v1/talking-points', body), TalkingPoint, 201)).id);
  }
  const db = s.store.database.kysely;
  const leadIds = new Map<string, number>();
  for (const lead of LEADS) {
    const at = new Date(lead.createdAt).toISOString();
    const last = lead.changes[lead.changes.length - 1];
    const row = await db
      .insertInto('leads')
      .values({
        email: emailOf(lead.name),
        email_hash: sha256(emailOf(lead.name)),
        name: lead.name,
        company: null,
        title: null,
        lifecycle_stage: last?.to ?? null,
        industry: lead.industry,
        persona: null,
        region: null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    leadIds.set(lead.name, row.id);
    for (const c of lead.changes) {
      const when = new Date(c.at).toISOString();
      await db
        .insertInto('stage_changes')
        .values({
          lead_id: row.id,
          from_stage: c.from,
          to_stage: c.to,
          changed_at: when,
          changed_ms: c.at,
          received_at: when,
        })
        .execute();
    }
  }
  await db
    .insertInto('usage')
    .values(
      USES.map((u) => {
        const when = new Date(u.at).toISOString();
        return {
          id: randomUUID(),
          action: 'copied' as const,
          target_kind: 'talkingPoint' as const,
          target_id: pointIds.get(u.target) ?? u.target,
          email_hash: sha256(emailOf(u.lead)),
          lead_id: u.byHashOnly ? null : (leadIds.get(u.lead) ?? null),
          stage: 'mql',
          industry: 'Software',
          persona: null,
          region: null,
          rep_key: u.rep,
          rep_name: u.rep,
          occurred_at: when,
          occurred_ms: u.at,
          received_at: when,
          input_json: '{}',
        };
      }),
    )
    .execute();
});
afterAll(async () => {
  await s.close();
});

const summary = async (query = '') =>
  read(await s.request('GET', `/v1/feedback/summary${query}`, { token: s.tokens.manager }), FeedbackSummary);
const of = (body: FeedbackSummary, name: string) => body.targets.find((t) => t.target.id === pointIds.get(name));

describe('GET /v1/feedback/summary: Used and Moved forward', () => {
  it('gives the hand-worked answer for a point nobody judged', async () => {
    const a = of(await summary(), 'tp_a');
    expect(a?.title).toBe('Point tp_a');
    expect(a?.usage).toEqual({ uses: 28, reps: 3, leads: 27 });
    expect(a?.movedForward).toMatchObject({
      used: { leads: 25, advanced: 10, rate: 0.4 },
      baseline: { leads: 30, advanced: 6, rate: 0.2 },
      verdict: 'no_clear_difference',
    });
    expect(a?.movedForward.interval?.low).toBeCloseTo(-0.039779, 6);
    expect(a?.movedForward.interval?.high).toBeCloseTo(0.419342, 6);
    expect(of(await summary(), 'tp_b')?.movedForward).toMatchObject({
      used: { leads: 1, advanced: 0 },
      baseline: { leads: 55, advanced: 17 },
      verdict: 'too_few',
      interval: null,
    });
  });

  it('counts only uses at or after since', async () => {
    const body = await summary(`?since=${SINCE}`);
    const a = of(body, 'tp_a');
    expect(a?.usage).toEqual({ uses: 2, reps: 2, leads: 2 });
    expect(a?.movedForward).toMatchObject({
      used: { leads: 1, advanced: 1 },
      baseline: { leads: 24, advanced: 1 },
      verdict: 'too_few',
    });
    // Not used in the window, not judged, and unjudged targets were not asked for.
    expect(of(body, 'tp_b')).toBeUndefined();
  });

  it('shows live points with no use as unused, with no evidence', async () => {
    const body = await summary('?include=unjudged');
    const campaign = body.targets.find((t) => t.target.kind === 'campaignMessage');
    expect(campaign?.usage).toEqual({ uses: 0, reps: 0, leads: 0 });
    expect(campaign?.movedForward).toMatchObject({ used: { leads: 0 }, baseline: { leads: 0 }, verdict: 'too_few' });
  });
});
