// `seed --demo` leaves a demo that has lived: eight weeks of reps' uses and verdicts placed on the leads'
// own stage paths, the tallies as the triggers keep them, and nothing doubled by seeding again.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LifecycleStage } from '../../lib/contract/index.ts';
import { DAY_MS } from '../../server/domain/time.ts';
import { seedDemo } from '../../server/seed/demo.ts';
import { DEMO_STORIES } from '../../server/seed/demo-data.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { freshDbTarget } from '../support/test-database.ts';
import { tempDir } from './helpers.ts';

const NOW = new Date('2026-11-26T12:00:00Z');
const ORDER = LifecycleStage.options;
let store: Store;
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  store = await openStore(await freshDbTarget(dir));
  const started = Date.now();
  await seedDemo(store, { now: NOW });
  console.info(`seedDemo: ${Date.now() - started} ms on ${store.engine}`);
}, 60_000);

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const db = () => store.database.kysely;

/** Row counts of the tables the seed writes. */
async function counts() {
  const out: Record<string, number> = {};
  for (const table of [
    'leads',
    'events',
    'stage_changes',
    'usage',
    'feedback',
    'feedback_tallies',
    'changes',
  ] as const) {
    const row = await db()
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

describe('the demo seed', () => {
  it('has verdicts with reasons and notes in each of the last eight weeks, by several reps', async () => {
    const verdicts = await db().selectFrom('feedback').selectAll().execute();
    const weeks = new Set(verdicts.map((v) => Math.floor((NOW.getTime() - Number(v.occurred_ms)) / (7 * DAY_MS))));
    expect([...weeks].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const week of [0, 1, 2, 3, 4, 5, 6, 7]) {
      const inWeek = verdicts.filter(
        (v) => Math.floor((NOW.getTime() - Number(v.occurred_ms)) / (7 * DAY_MS)) === week,
      );
      expect(inWeek.length, `verdicts in week ${week}`).toBeGreaterThanOrEqual(3);
    }
    expect(verdicts.every((v) => Number(v.occurred_ms) <= NOW.getTime())).toBe(true);
    expect(verdicts.every((v) => v.verdict === 'landed' || v.reason !== null)).toBe(true);
    const notes = verdicts.filter((v) => v.note);
    expect(notes.length).toBeGreaterThanOrEqual(16);
    expect(new Set(notes.map((v) => v.note)).size).toBe(notes.length);
    // The expired launch offer and the ended discount do badly, mostly as outdated.
    const outdated = verdicts.filter((v) => v.reason === 'outdated').map((v) => v.target_id);
    expect(new Set(outdated)).toEqual(new Set(['tp_demo_apac_launch', 'tp_demo_old_discount', 'q4-cloud-savings']));
    expect(new Set(verdicts.map((v) => v.rep_name)).size).toBeGreaterThanOrEqual(4);
  });

  it('keeps the tallies exactly as the verdicts make them', async () => {
    const verdicts = await db().selectFrom('feedback').selectAll().where('withdrawn_at', 'is', null).execute();
    const expected = new Map<string, { landed: number; didnt: number }>();
    for (const v of verdicts) {
      for (const [dimension, value] of [
        ['all', ''],
        ['industry', v.industry],
        ['persona', v.persona],
        ['region', v.region],
      ] as const) {
        if (value === null) continue;
        const key = `${v.target_kind}|${v.target_id}|${dimension}|${value}`;
        const t = expected.get(key) ?? { landed: 0, didnt: 0 };
        if (v.verdict === 'landed') t.landed++;
        else t.didnt++;
        expected.set(key, t);
      }
    }
    const tallies = await db().selectFrom('feedback_tallies').selectAll().execute();
    const stored = new Map(
      tallies.map((t) => [
        `${t.target_kind}|${t.target_id}|${t.dimension}|${t.value}`,
        { landed: Number(t.landed), didnt: Number(t.didnt_land) },
      ]),
    );
    expect(stored).toEqual(expected);
  });

  it("ends each lead's stage chain at its current stage, with no move before the lead existed", async () => {
    const leads = await db().selectFrom('leads').select(['id', 'lifecycle_stage', 'created_at']).execute();
    const changes = await db()
      .selectFrom('stage_changes')
      .selectAll()
      .orderBy('lead_id')
      .orderBy('changed_ms')
      .orderBy('id')
      .execute();
    for (const lead of leads) {
      const chain = changes.filter((c) => c.lead_id === lead.id);
      expect(chain.at(-1)?.to_stage, `lead ${lead.id}`).toBe(lead.lifecycle_stage);
      expect(Number(chain[0]?.changed_ms)).toBeGreaterThanOrEqual(Date.parse(lead.created_at));
      for (let i = 1; i < chain.length; i++) expect(chain[i]?.from_stage).toBe(chain[i - 1]?.to_stage);
    }
  });

  it('tells "Moved forward" stories: the strong points were used with 30+ leads that mostly advanced within two weeks', async () => {
    const changes = await db().selectFrom('stage_changes').selectAll().execute();
    const uses = await db().selectFrom('usage').selectAll().execute();
    const stageAt = (leadId: number, at: number) =>
      changes
        .filter((c) => c.lead_id === leadId && Number(c.changed_ms) <= at)
        .sort((a, b) => Number(a.changed_ms) - Number(b.changed_ms))
        .at(-1)?.to_stage ?? null;
    const advanced = (leadId: number, at: number) => {
      const from = stageAt(leadId, at);
      return changes.some(
        (c) =>
          c.lead_id === leadId &&
          Number(c.changed_ms) > at &&
          Number(c.changed_ms) <= at + 14 * DAY_MS &&
          ORDER.indexOf(c.to_stage as LifecycleStage) > ORDER.indexOf(from as LifecycleStage),
      );
    };
    const movedShare = (target: string) => {
      const first = new Map<number, number>();
      for (const u of uses.filter((u) => u.target_id === target)) {
        const at = Number(u.occurred_ms);
        first.set(Number(u.lead_id), Math.min(at, first.get(Number(u.lead_id)) ?? at));
      }
      const moved = [...first].filter(([lead, at]) => advanced(lead, at)).length;
      return { leads: first.size, share: moved / first.size };
    };
    for (const story of DEMO_STORIES.filter((s) => s.effect === 'forward')) {
      const { leads, share } = movedShare(story.target.id);
      expect(leads, story.target.id).toBeGreaterThanOrEqual(30);
      expect(share, story.target.id).toBeGreaterThan(0.6);
    }
    const behind = movedShare('tp_demo_benchmark');
    expect(behind.leads).toBeGreaterThanOrEqual(25);
    expect(behind.share).toBeLessThan(0.15);
    // Each use carries the lead's stage at the time, and no use predates its lead.
    for (const u of uses.slice(0, 100)) expect(u.stage).toBe(stageAt(Number(u.lead_id), Number(u.occurred_ms)));
    expect(new Set(uses.map((u) => u.rep_key)).size).toBe(5);
    expect(new Set(uses.map((u) => u.action))).toEqual(new Set(['copied', 'inserted', 'opened_cta']));
    expect(Math.min(...uses.map((u) => Number(u.occurred_ms)))).toBeGreaterThanOrEqual(NOW.getTime() - 56 * DAY_MS);
    const input = JSON.parse(uses[0]?.input_json ?? '{}');
    expect(Object.keys(input)).toEqual(['id', 'action', 'target', 'lead', 'occurredAt']);
  });

  it('adds nothing when seeded again, even days later', async () => {
    const before = await counts();
    const summary = await seedDemo(store, { now: new Date(NOW.getTime() + 3 * DAY_MS) });
    expect(summary).toMatchObject({ usage: 0, verdicts: 0 });
    const after = await counts();
    // Seeding again rewrites the demo's points and campaigns (their change feed grows); nothing else moves.
    expect({ ...after, changes: 0 }).toEqual({ ...before, changes: 0 });
  }, 60_000);
});
