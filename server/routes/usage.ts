import { routes } from '../../lib/contract/index.ts';
import { problem } from '../problem.ts';
import { handle } from '../router/handle.ts';
import type { Store } from '../store/index.ts';
import { canonicalUsage } from '../store/usage.ts';
import { createUsageWriter } from '../store/usage-writer.ts';

const KIND_NAMES = { talkingPoint: 'talking point', campaignMessage: 'campaign' } as const;

/**
 * Reps' uses of points and calls to action. The id is the client's idempotency key, as for verdicts;
 * the rep is the token, never the body; the lead's stage and segments are copied at the time.
 */
export function usageRoutes(store: Store, clock: () => Date) {
  const writer = createUsageWriter(store);

  const record = handle(routes.recordUsage, async (c, { body: input }) => {
    const me = c.get('me');
    const outcome = await writer.write({
      input,
      rep: { tokenId: me.tokenId, name: me.name },
      now: clock().toISOString(),
    });
    if (outcome.kind === 'existing') {
      if (outcome.stored.inputJson === canonicalUsage(input)) return c.json(outcome.stored.usage, 200);
      return problem(
        c,
        422,
        'usage-id-reused',
        `A use with id ${input.id} is already stored with a different body. Resend it unchanged, or record a new use with a new id.`,
        [{ path: 'id', message: 'is already used by a different use' }],
      );
    }
    if (outcome.kind === 'unknown-target') {
      const what = KIND_NAMES[input.target.kind];
      return problem(c, 422, 'unknown-target', `target.id: there is no ${what} "${input.target.id}".`, [
        { path: 'target.id', message: `is not a known ${what}` },
      ]);
    }
    return c.json(outcome.usage, 201);
  });
  return [record];
}
