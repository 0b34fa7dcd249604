import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackInput } from '../../lib/contract/index.ts';
import { createVerdictWriter } from '../../server/store/verdict-writer.ts';
import { liveFinancePoint, sha256, startTestServer, type TestServer } from './helpers.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const rep = { tokenId: 'tok_rep', name: 'Rep' };
const now = () => new Date().toISOString();

describe('verdicts arriving together', () => {
  it('are written in one transaction, each answered as if written alone in arrival order', async () => {
    const point = await liveFinancePoint(s, 'Batch point');
    const writer = createVerdictWriter(s.store);
    const verdict = (over: Partial<FeedbackInput> = {}): FeedbackInput => ({
      id: randomUUID(),
      target: { kind: 'talkingPoint', id: point.id },
      verdict: 'landed',
      lead: { emailHash: sha256('dana@acme.com') },
      occurredAt: now(),
      ...over,
    });
    const stored = verdict();
    await writer.write({ input: stored, rep, now: now() });
    const before = writer.batches();

    const fresh = verdict();
    const twin = verdict();
    const outcomes = await Promise.all([
      writer.write({ input: fresh, rep, now: now() }),
      writer.write({ input: twin, rep, now: now() }),
      writer.write({ input: twin, rep, now: now() }),
      writer.write({ input: { ...twin, verdict: 'didnt_land', reason: 'outdated' }, rep, now: now() }),
      writer.write({ input: stored, rep, now: now() }),
      writer.write({ input: verdict({ target: { kind: 'talkingPoint', id: 'tp_none' } }), rep, now: now() }),
      writer.write({ input: verdict({ target: { kind: 'campaignMessage', id: 'no-such' } }), rep, now: now() }),
    ]);
    expect(writer.batches() - before).toBe(1);
    expect(outcomes.map((o) => o.kind)).toEqual([
      'stored',
      'stored',
      'existing',
      'existing',
      'existing',
      'unknown-target',
      'unknown-target',
    ]);
    // A repeat within the batch is compared with the verdict that took the id: the route answers an
    // unchanged body 200 and a changed one 422.
    const [, first, same, changed, again] = outcomes;
    if (first?.kind !== 'stored' || same?.kind !== 'existing' || changed?.kind !== 'existing') throw new Error('kinds');
    expect(same.stored.feedback).toEqual(first.feedback);
    expect(same.stored.inputJson).toBe(changed.stored.inputJson);
    expect(JSON.parse(changed.stored.inputJson).verdict).toBe('landed');
    expect(again?.kind === 'existing' && again.stored.feedback.id).toBe(stored.id);
    const count = await s.store.db
      .selectFrom('feedback')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('target_id', '=', point.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
  });
});
