import { Hono } from 'hono';
import {
  FeedbackInput,
  FeedbackListQuery,
  type FeedbackSummary,
  FeedbackSummaryQuery,
  type FeedbackTarget,
} from '../../lib/contract/index.ts';
import { authenticate, requireRole } from '../auth.ts';
import { parseBody } from '../body.ts';
import { summariseFeedback, type TargetInfo } from '../domain/feedback.ts';
import type { AppEnv } from '../env.ts';
import { problem } from '../problem.ts';
import { canonicalFeedback } from '../store/feedback.ts';
import { createGroupCommit } from '../store/group-commit.ts';
import type { Store } from '../store/index.ts';
import { parseCursor, parseQuery } from './support/query.ts';

const KIND_NAMES = { talkingPoint: 'talking point', campaignMessage: 'campaign' } as const;

/**
 * Reps' verdicts. The id is the client's idempotency key; the rep is the token, never the body; the
 * lead's segments are copied at the time so the summary can say with whom a point did not land.
 */
export function feedbackRoutes(store: Store, clock: () => Date) {
  const app = new Hono<AppEnv>();
  const writer = createGroupCommit(store.db);
  app.use('*', authenticate(store.tokens));

  app.post('/', requireRole('rep', 'marketer'), async (c) => {
    const parsed = await parseBody(c, FeedbackInput);
    if (!parsed.ok) return parsed.response;
    const input = parsed.data;
    const me = c.get('me');
    // Verdicts arriving together are committed together (one transaction, one WAL append); the
    // response goes out only after that commit.
    return writer.run(() => {
      const existing = store.feedback.get(input.id);
      if (existing) {
        if (existing.inputJson === canonicalFeedback(input)) return c.json(existing.feedback, 200);
        return problem(
          c,
          422,
          'feedback-id-reused',
          `A verdict with id ${input.id} is already stored with a different body. Resend it unchanged, or give a new verdict a new id.`,
          [{ path: 'id', message: 'is already used by a different verdict' }],
        );
      }
      const known =
        input.target.kind === 'talkingPoint'
          ? store.talkingPoints.exists(input.target.id)
          : store.campaigns.exists(input.target.id);
      if (!known) {
        const what = KIND_NAMES[input.target.kind];
        return problem(c, 422, 'unknown-target', `target.id: there is no ${what} "${input.target.id}".`, [
          { path: 'target.id', message: `is not a known ${what}` },
        ]);
      }
      // An address marketing has not sent us yet is fine: the verdict still counts, without segments.
      const lead = store.leads.find({ emailHash: input.lead.emailHash });
      const feedback = store.feedback.insert(input, {
        segments: lead?.profile.segments ?? {},
        repTokenId: me.tokenId,
        repName: me.name,
        now: clock().toISOString(),
      });
      c.header('Location', `/v1/feedback/${feedback.id}`);
      return c.json(feedback, 201);
    });
  });

  /** The rep who gave a verdict (or an admin) takes it back; it then counts nowhere. Idempotent. */
  app.delete('/:id', requireRole('rep', 'marketer'), (c) => {
    const id = c.req.param('id');
    const me = c.get('me');
    return store.transaction(() => {
      const existing = store.feedback.get(id);
      if (!existing) return problem(c, 404, 'not-found', `There is no verdict with id ${id.slice(0, 80)}.`);
      if (me.role !== 'admin' && existing.repTokenId !== me.tokenId) {
        return problem(c, 403, 'forbidden', 'Only the rep who gave this verdict, or an admin, can withdraw it.');
      }
      const withdrawn = store.feedback.withdraw(id, clock().toISOString());
      return c.json(withdrawn ?? existing.feedback, 200);
    });
  });

  app.get('/summary', requireRole('marketer'), (c) => {
    const query = parseQuery(c, FeedbackSummaryQuery);
    if (!query.ok) return query.response;
    const { since, campaign } = query.data;
    const campaigns = new Map(store.campaigns.list().map((k) => [k.key, k]));
    const describe = (target: FeedbackTarget): TargetInfo => {
      if (target.kind === 'campaignMessage') {
        return { title: campaigns.get(target.id)?.name ?? target.id, campaign: target.id };
      }
      const point = store.talkingPoints.get(target.id);
      return { title: point?.title ?? target.id, campaign: point?.campaign ?? null };
    };
    const verdicts = store.feedback.verdicts(since ? Date.parse(since) : null);
    const body: FeedbackSummary = {
      targets: summariseFeedback(verdicts, describe, (_, info) => !campaign || info.campaign === campaign),
      generatedAt: clock().toISOString(),
    };
    return c.json(body);
  });

  app.get('/', requireRole('marketer'), (c) => {
    const query = parseQuery(c, FeedbackListQuery);
    if (!query.ok) return query.response;
    const after = parseCursor(c, query.data.cursor, 'number');
    if (!after.ok) return after.response;
    return c.json(store.feedback.list(query.data, after.data));
  });
  return app;
}
