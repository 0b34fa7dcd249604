// "Show more" on a lead's engagement timeline: the next page from the endpoint, appended to the
// cached context, with the sidebar saying it is loading meanwhile.
import { routes } from '../contract/routes.ts';
import { callEndpoint } from './api.ts';
import { appendTimeline } from './cache.ts';
import { loadConnection } from './connection.ts';
import { contextOf, currentLead } from './current-lead.ts';
import { leadKey } from './pages.ts';
import { refresh } from './refresh.ts';

export async function loadMoreEvents(tabId: number | undefined): Promise<void> {
  const connection = await loadConnection();
  const lead = await currentLead(tabId);
  const context = lead && (await contextOf(lead));
  const before = context?.engagement.nextBefore;
  if (!connection || !lead || !context || !before) return;
  await refresh(tabId, 'never', { loadingMore: true });
  try {
    const page = await callEndpoint(connection, routes.timelinePage, {
      query: { emailHash: context.lead.emailHash, before, limit: 50 },
    });
    await appendTimeline(leadKey(lead), page.events, page.nextBefore);
  } catch {
    // The button stays; the rep can try again.
  }
  await refresh(tabId, 'never');
}
