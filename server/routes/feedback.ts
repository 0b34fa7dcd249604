import { type FeedbackSummary, type FeedbackTarget, routes } from '../../lib/contract/index.ts';
import { summariseFeedback, type TargetInfo } from '../domain/feedback.ts';
import {
  MOVED_FORWARD_DAYS,
  movedForwardByTarget,
  NO_EVIDENCE,
  targetKey,
  type UseRecord,
  usageByTarget,
} from '../domain/moved-forward.ts';
import { DAY_MS } from '../domain/time.ts';
import { problem } from '../problem.ts';
import { handle } from '../router/handle.ts';
import { canonicalFeedback, type StoredFeedback } from '../store/feedback.ts';
import type { Store } from '../store/index.ts';
import { createVerdictWriter } from '../store/verdict-writer.ts';
import { parseCursor } from './support/query.ts';

const KIND_NAMES = { talkingPoint: 'talking point', campaignMessage: 'campaign' } as const;

/**
 * Reps' verdicts. The id is the client's idempotency key; the rep is the token, never the body; the
 * lead's segments are copied at the time so the summary can say with whom a point did not land.
 */
export function feedbackRoutes(store: Store, clock: () => Date) {
  // Verdicts arriving together are written together (a few statements, one transaction, one WAL
  // append); each response goes out only after that commit.
  const writer = createVerdictWriter(store);

  const give = handle(routes.giveFeedback, async (c, { body: input }) => {
    const me = c.get('me');
    const resent = (existing: StoredFeedback) => {
      if (existing.inputJson === canonicalFeedback(input)) return c.json(existing.feedback, 200);
      return problem(
        c,
        422,
        'feedback-id-reused',
        `A verdict with id ${input.id} is already stored with a different body. Resend it unchanged, or give a new verdict a new id.`,
        [{ path: 'id', message: 'is already used by a different verdict' }],
      );
    };
    const outcome = await writer.write({
      input,
      rep: { tokenId: me.tokenId, name: me.name },
      now: clock().toISOString(),
    });
    if (outcome.kind === 'existing') return resent(outcome.stored);
    if (outcome.kind === 'unknown-target') {
      const what = KIND_NAMES[input.target.kind];
      return problem(c, 422, 'unknown-target', `target.id: there is no ${what} "${input.target.id}".`, [
        { path: 'target.id', message: `is not a known ${what}` },
      ]);
    }
    c.header('Location', `/v1/feedback/${outcome.feedback.id}`);
    return c.json(outcome.feedback, 201);
  });

  /** The rep who gave a verdict (or an admin) takes it back; it then counts nowhere. Idempotent. */
  const withdraw = handle(routes.withdrawFeedback, (c, { params: { id } }) => {
    const me = c.get('me');
    return store.transaction(async (tx) => {
      await tx.feedback.lockForWrites();
      const existing = await tx.feedback.get(id);
      if (!existing) return problem(c, 404, 'not-found', `There is no verdict with id ${id.slice(0, 80)}.`);
      if (me.role !== 'admin' && existing.repTokenId !== me.tokenId) {
        return problem(c, 403, 'forbidden', 'Only the rep who gave this verdict, or an admin, can withdraw it.');
      }
      const withdrawn = await tx.feedback.withdraw(id, clock().toISOString());
      return c.json(withdrawn ?? existing.feedback, 200);
    });
  });

  const summary = handle(routes.feedbackSummary, async (c, { query }) => {
    const { since, campaign, include } = query;
    const sinceMs = since ? Date.parse(since) : null;
    const [campaignList, verdicts, live, uses] = await Promise.all([
      store.campaigns.list(),
      store.feedback.verdicts(sinceMs),
      store.talkingPoints.listLive(),
      store.usageReads.uses(),
    ]);
    const evidence = await usageEvidence(uses, sinceMs, clock().getTime());
    const campaigns = new Map(campaignList.map((k) => [k.key, k]));
    // Every point a verdict names, read once: live ones are at hand, the rest (retired, drafts) are few.
    const points = new Map(live.map((p) => [p.id, p]));
    const named = new Set(
      [...verdicts.map((v) => v.target), ...evidence.used].filter((t) => t.kind === 'talkingPoint').map((t) => t.id),
    );
    for (const id of named) {
      if (points.has(id)) continue;
      const point = await store.talkingPoints.get(id);
      if (point) points.set(id, point);
    }
    const describe = (target: FeedbackTarget): TargetInfo => {
      if (target.kind === 'campaignMessage') {
        const stored = campaigns.get(target.id);
        return { title: stored?.name ?? target.id, campaign: target.id, status: stored?.status ?? null };
      }
      const point = points.get(target.id);
      return { title: point?.title ?? target.id, campaign: point?.campaign ?? null, status: point?.status ?? null };
    };
    // Targets used in the window show even when nobody judged them.
    const unjudged: FeedbackTarget[] = [
      ...evidence.used,
      ...(include === 'unjudged'
        ? [
            ...live.map((p) => ({ kind: 'talkingPoint' as const, id: p.id })),
            ...[...campaigns.values()]
              .filter((k) => k.status === 'active')
              .map((k) => ({ kind: 'campaignMessage' as const, id: k.key })),
          ]
        : []),
    ];
    const body: FeedbackSummary = {
      targets: summariseFeedback(
        verdicts,
        describe,
        (_, info) => !campaign || info.campaign === campaign,
        unjudged,
      ).map((t) => ({
        ...t,
        usage: evidence.usage.get(targetKey(t.target)) ?? { uses: 0, reps: 0, leads: 0 },
        movedForward: evidence.movedForward.get(targetKey(t.target)) ?? NO_EVIDENCE,
      })),
      generatedAt: clock().toISOString(),
    };
    return c.json(body);
  });

  /**
   * Uses per target in the window, and Moved forward. Leads and their stage history are read only
   * when some use in the window is old enough to have an outcome (14 days).
   */
  async function usageEvidence(uses: UseRecord[], sinceMs: number | null, now: number) {
    const usage = usageByTarget(uses, sinceMs);
    const used = [
      ...new Map(
        uses.filter((u) => sinceMs === null || u.at >= sinceMs).map((u) => [targetKey(u.target), u.target]),
      ).values(),
    ];
    const settled = uses.some(
      (u) => (sinceMs === null || u.at >= sinceMs) && u.at + MOVED_FORWARD_DAYS * DAY_MS <= now,
    );
    if (!settled) return { usage, used, movedForward: new Map() };
    const [funnel, leads, changes] = await Promise.all([
      store.funnel.current(),
      store.usageReads.leadFacts(),
      store.stageHistory.all(),
    ]);
    const stages = funnel.stages.map((s) => s.stage);
    return { usage, used, movedForward: movedForwardByTarget({ uses, since: sinceMs, leads, changes, stages, now }) };
  }

  const list = handle(routes.listFeedback, async (c, { query }) => {
    const after = parseCursor(c, query.cursor, 'number');
    if (!after.ok) return after.response;
    return c.json(await store.feedback.list(query, after.data));
  });
  return [give, withdraw, summary, list];
}
