import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Funnel, FunnelHistory, FunnelMetrics, LookupResponse } from '../../lib/contract/index.ts';
import { expectProblem, read, startTestServer, type TestServer } from './helpers.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const getFunnel = async () => read(await s.request('GET', '/v1/funnel', { token: s.tokens.rep }), Funnel);

function edited(funnel: Funnel, definition: string) {
  return {
    stages: funnel.stages.map((st) => (st.stage === 'mql' ? { ...st, definition } : st)),
    note: 'Sharper MQL',
  };
}

const put = (token: string, body: unknown, version?: number) =>
  s.request('PUT', '/v1/funnel', {
    token,
    body,
    ...(version === undefined ? {} : { headers: { 'If-Match': `"${version}"` } }),
  });
const sign = (token: string, version: number) =>
  s.request('POST', '/v1/funnel/signatures', { token, body: { version } });

describe('the funnel definition', () => {
  it('starts as the default six stages, version 1, unsigned', async () => {
    const funnel = await getFunnel();
    expect(funnel.version).toBe(1);
    expect(funnel.stages.map((st) => st.stage)).toEqual([
      'subscriber',
      'lead',
      'mql',
      'sql',
      'opportunity',
      'customer',
    ]);
    expect(funnel.stages.map((st) => st.owner)).toEqual([
      'marketing',
      'marketing',
      'marketing',
      'sales',
      'sales',
      'sales',
    ]);
    expect(funnel.signatures).toEqual({ marketing: null, sales: null });
    expect(funnel.agreed).toBe(false);
  });

  it('counts as agreed only once a marketer and a manager have both signed the current version', async () => {
    const v1 = await getFunnel();
    const marketing = await read(await sign(s.tokens.marketer, v1.version), Funnel, 201);
    expect(marketing.signatures.marketing).toMatchObject({
      team: 'marketing',
      name: 'Test marketer',
      role: 'marketer',
    });
    expect(marketing.agreed).toBe(false);
    const both = await read(await sign(s.tokens.manager, v1.version), Funnel, 201);
    expect(both.signatures.sales).toMatchObject({ team: 'sales', name: 'Test manager', role: 'manager' });
    expect(Date.parse(both.signatures.sales?.signedAt ?? '')).not.toBeNaN();
    expect(both.agreed).toBe(true);
    // Signing again changes nothing: the first signature stands.
    const again = await read(await sign(s.tokens.manager, v1.version), Funnel, 200);
    expect(again.signatures).toEqual(both.signatures);
  });

  it('refuses a rep and an admin signature, saying who signs for which team', async () => {
    const { version } = await getFunnel();
    const rep = await expectProblem(await sign(s.tokens.rep, version), 403);
    expect(rep.detail).toMatch(/rep token cannot sign/);
    const admin = await expectProblem(await sign(s.tokens.admin, version), 403);
    expect(admin.detail).toMatch(/marketer signs for marketing and a sales manager/);
  });

  it('an edit makes a new version and clears both signatures', async () => {
    const before = await getFunnel();
    expect(before.agreed).toBe(true);
    const after = await read(await put(s.tokens.marketer, edited(before, 'Fits and engaged.'), before.version), Funnel);
    expect(after.version).toBe(before.version + 1);
    expect(after.stages.find((st) => st.stage === 'mql')?.definition).toBe('Fits and engaged.');
    expect(after.signatures).toEqual({ marketing: null, sales: null });
    expect(after.agreed).toBe(false);
    expect(after.changedBy).toBe('Test marketer');
  });

  it('needs If-Match, and refuses a stale one with 412', async () => {
    const funnel = await getFunnel();
    expect((await expectProblem(await put(s.tokens.manager, edited(funnel, 'x y z')), 428)).detail).toMatch(/If-Match/);
    const stale = await expectProblem(await put(s.tokens.manager, edited(funnel, 'x y z'), funnel.version - 1), 412);
    expect(stale.detail).toMatch(new RegExp(`version ${funnel.version}`));
    expect((await getFunnel()).version).toBe(funnel.version);
  });

  it('refuses a signature on a version that is no longer current', async () => {
    const { version } = await getFunnel();
    const problem = await expectProblem(await sign(s.tokens.marketer, version - 1), 409);
    expect(problem.detail).toMatch(`version ${version} is`);
  });

  it('lets only marketers, managers and admins edit, with strict schemas', async () => {
    const funnel = await getFunnel();
    await expectProblem(await put(s.tokens.rep, edited(funnel, 'nope'), funnel.version), 403);
    const twice = { stages: [funnel.stages[0], funnel.stages[0]] };
    const dup = await expectProblem(await put(s.tokens.admin, twice, funnel.version), 422);
    expect(dup.detail).toMatch(/at most once/);
    const extra = { stages: funnel.stages, colour: 'red' };
    await expectProblem(await put(s.tokens.admin, extra, funnel.version), 422);
  });

  it('keeps every version with who changed what and when, and who signed it', async () => {
    const { versions } = await read(
      await s.request('GET', '/v1/funnel/history', { token: s.tokens.rep }),
      FunnelHistory,
    );
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const [second, first] = versions;
    expect(second).toMatchObject({
      changedBy: 'Test marketer',
      changedByRole: 'marketer',
      note: 'Sharper MQL',
      changes: ['Marketing qualified lead (MQL): changed definition.'],
      signatures: { marketing: null, sales: null },
    });
    expect(first?.changes).toEqual(['First version.']);
    expect(first?.signatures.marketing?.name).toBe('Test marketer');
    expect(first?.signatures.sales?.name).toBe('Test manager');
  });
});

describe('stage history and metrics', () => {
  it('records a stage change only when an upsert changes the stage, and measures it', async () => {
    const email = 'funnel.person@example.com';
    const upsert = (lead: Record<string, unknown>) =>
      s.request('POST', '/v1/leads', { token: s.tokens.admin, body: { leads: [{ email, ...lead }] } });
    expect((await upsert({ lifecycleStage: 'lead', lifecycleStageChangedAt: '2026-01-05T10:00:00Z' })).status).toBe(
      200,
    );
    expect((await upsert({ lifecycleStage: 'lead', name: 'Same stage' })).status).toBe(200);
    expect((await upsert({ name: 'No stage sent' })).status).toBe(200);
    expect((await upsert({ lifecycleStage: 'mql' })).status).toBe(200);
    const rows = await s.store.database.kysely
      .selectFrom('stage_changes')
      .select(['from_stage', 'to_stage', 'changed_at'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.from_stage, r.to_stage])).toEqual([
      [null, 'lead'],
      ['lead', 'mql'],
    ]);
    expect(rows[0]?.changed_at).toBe('2026-01-05T10:00:00.000Z');
    expect(Date.now() - Date.parse(rows[1]?.changed_at ?? '')).toBeLessThan(60_000);

    const metrics = await read(
      await s.request('GET', '/v1/funnel/metrics?weeks=4', { token: s.tokens.rep }),
      FunnelMetrics,
    );
    expect(metrics.weeks).toHaveLength(4);
    const mql = metrics.stages.find((st) => st.stage === 'mql');
    expect(mql?.current).toBe(1);
    expect(mql?.weeks.at(-1)?.entered).toBe(1);
    expect(mql?.openStays).toBe(1);
  });

  it('rejects weeks outside 1–52 and unknown parameters', async () => {
    for (const q of ['weeks=0', 'weeks=53', 'weeks=two', 'week=3']) {
      await expectProblem(await s.request('GET', `/v1/funnel/metrics?${q}`, { token: s.tokens.rep }), 422);
    }
  });
});

describe('the lead lookup carries the stage definition', () => {
  it('shows the definition of the lead’s stage and whether it is agreed', async () => {
    const res = await s.request('POST', '/v1/context/lookup', {
      token: s.tokens.rep,
      body: { leads: [{ email: 'funnel.person@example.com' }] },
    });
    const [result] = (await read(res, LookupResponse)).results;
    if (!result?.found) throw new Error('lead not found');
    const funnel = await getFunnel();
    expect(result.context.stageDefinition).toEqual({
      stage: 'mql',
      name: 'Marketing qualified lead (MQL)',
      definition: 'Fits and engaged.',
      entryCriteria: funnel.stages.find((st) => st.stage === 'mql')?.entryCriteria,
      owner: 'marketing',
      agreed: false,
      version: funnel.version,
    });
  });
});

describe('the manager role', () => {
  it('does what a rep does and reads the team’s feedback, but not campaigns', async () => {
    expect((await s.request('GET', '/v1/feedback/summary', { token: s.tokens.manager })).status).toBe(200);
    expect((await s.request('GET', '/v1/feedback', { token: s.tokens.manager })).status).toBe(200);
    expect((await s.request('GET', '/v1/changes', { token: s.tokens.manager })).status).toBe(200);
    await expectProblem(await s.request('GET', '/v1/campaigns', { token: s.tokens.manager }), 403);
    await expectProblem(await s.request('GET', '/v1/talking-points', { token: s.tokens.manager }), 403);
    await expectProblem(await s.request('GET', '/v1/feedback/summary', { token: s.tokens.rep }), 403);
  });
});
