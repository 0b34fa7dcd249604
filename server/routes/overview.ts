import type { Context } from 'hono';
import { type Overview, routes, WORST_LANDING_MIN_VERDICTS, WORST_LANDING_SHOWN } from '../../lib/contract/index.ts';
import { overviewWindow, weekFigures } from '../domain/overview.ts';
import type { AppEnv } from '../env.ts';
import { problem } from '../problem.ts';
import { handle } from '../router/handle.ts';
import type { Store } from '../store/index.ts';

/** The console's home page: this week against last, points to look at, and the caller's unread notes. */
export function overviewRoutes(store: Store, clock: () => Date) {
  /** The caller as a reader of notes; a 401 in the (raced) case of a token deleted meanwhile. */
  async function readerOf(c: Context<AppEnv>): Promise<string | Response> {
    // The same key as a rep's uses: a person's sessions share their reads.
    const { tokenId } = c.get('me');
    const reader = (await store.usage.repKeys([tokenId])).get(tokenId);
    return reader ?? problem(c, 401, 'unauthenticated', 'This access token is no longer known. Sign in again.');
  }

  const overview = handle(routes.overview, async (c) => {
    const reader = await readerOf(c);
    if (typeof reader !== 'string') return reader;
    const now = clock();
    const w = overviewWindow(now.getTime());
    const [[last, current], worst, unused, unread] = await Promise.all([
      store.overview.weeks(w),
      store.overview.worstLanding(w.worstSince, WORST_LANDING_SHOWN),
      store.overview.unused(w.unusedSince),
      store.noteReads.unread(reader),
    ]);
    const body: Overview = {
      generatedAt: now.toISOString(),
      thisWeek: weekFigures(w.thisWeekStart, current),
      lastWeek: weekFigures(w.lastWeekStart, last),
      worstLanding: {
        since: new Date(w.worstSince).toISOString(),
        minVerdicts: WORST_LANDING_MIN_VERDICTS,
        points: worst,
      },
      unused: { since: new Date(w.unusedSince).toISOString(), ...unused },
      unreadNotes: unread,
    };
    return c.json(body);
  });

  const markRead = handle(routes.markNotesRead, async (c, { body }) => {
    const reader = await readerOf(c);
    if (typeof reader !== 'string') return reader;
    const now = clock();
    if (body.ids) {
      await store.noteReads.markRead(reader, body.ids, now.toISOString());
    } else if (body.upTo) {
      // A mark ahead of now would take notes that have not come in yet as read.
      const upTo = Math.min(Date.parse(body.upTo), now.getTime());
      await store.noteReads.markReadUpTo(reader, new Date(upTo).toISOString(), now.toISOString());
    }
    const { total } = await store.noteReads.unread(reader);
    return c.json({ unread: total });
  });

  return [overview, markRead];
}
