// The console's calls that take more than one request or reshape the answer; every other call is
// `api.call(routes.x, …)` where it is made.
import type { Campaign } from '../../lib/contract/campaigns.ts';
import { routes } from '../../lib/contract/routes.ts';
import type { TalkingPoint, TalkingPointPage } from '../../lib/contract/talking-points.ts';
import type { ApiClient, ApiResult } from './api.ts';

export async function listCampaigns(api: ApiClient): Promise<ApiResult<Campaign[]>> {
  const result = await api.call(routes.listCampaigns);
  return result.ok ? { ...result, data: result.data.campaigns } : result;
}

export interface PointFilter {
  status?: TalkingPoint['status'];
  campaign?: string;
}

/** Every talking point matching the filter, all pages. */
export async function listTalkingPoints(api: ApiClient, filter: PointFilter = {}): Promise<ApiResult<TalkingPoint[]>> {
  const items: TalkingPoint[] = [];
  const query = { limit: 200, status: filter.status || undefined, campaign: filter.campaign || undefined };
  let cursor: string | null = null;
  for (let page = 0; page < 50; page += 1) {
    const result: ApiResult<TalkingPointPage> = await api.call(routes.listTalkingPoints, {
      query: { ...query, cursor: cursor ?? undefined },
    });
    if (!result.ok) return result;
    items.push(...result.data.items);
    cursor = result.data.nextCursor;
    if (!cursor) return { ok: true, status: result.status, data: items };
  }
  return { ok: true, status: 200, data: items };
}
