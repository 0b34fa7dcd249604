// Every call the console makes, each answer checked against the contract.
import { z } from 'zod';
import { Campaign, type CampaignInput, type CampaignPatch } from '../../lib/contract/campaigns.ts';
import {
  FeedbackPage,
  FeedbackSummary,
  type FeedbackSummaryQuery,
  type FeedbackTarget,
} from '../../lib/contract/feedback.ts';
import { LookupResponse } from '../../lib/contract/lookup.ts';
import { Me } from '../../lib/contract/me.ts';
import {
  TalkingPoint,
  type TalkingPointInput,
  TalkingPointPage,
  type TalkingPointPatch,
} from '../../lib/contract/talking-points.ts';
import type { ApiClient, ApiResult } from './api.ts';

/** `GET /v1/campaigns` answers `{campaigns: Campaign[]}`. */
export const CampaignList = z.object({ campaigns: z.array(Campaign) });

export const getMe = (api: ApiClient) => api.call('/v1/me', Me);

export async function listCampaigns(api: ApiClient): Promise<ApiResult<Campaign[]>> {
  const result = await api.call('/v1/campaigns', CampaignList);
  return result.ok ? { ...result, data: result.data.campaigns } : result;
}

export const getCampaign = (api: ApiClient, key: string) =>
  api.call(`/v1/campaigns/${encodeURIComponent(key)}`, Campaign);

/** Creates, never replaces (`If-None-Match: *`): a key already in use is a 412 `key-taken` problem. */
export const createCampaign = (api: ApiClient, input: CampaignInput) =>
  api.call('/v1/campaigns', Campaign, { method: 'POST', body: input, ifNoneMatch: '*' });

export const patchCampaign = (api: ApiClient, key: string, patch: CampaignPatch, version: number) =>
  api.call(`/v1/campaigns/${encodeURIComponent(key)}`, Campaign, { method: 'PATCH', body: patch, ifMatch: version });

export interface PointFilter {
  status?: TalkingPoint['status'];
  campaign?: string;
}

/** Every talking point matching the filter, all pages. */
export async function listTalkingPoints(api: ApiClient, filter: PointFilter = {}): Promise<ApiResult<TalkingPoint[]>> {
  const items: TalkingPoint[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page += 1) {
    const query = new URLSearchParams({ limit: '200' });
    if (filter.status) query.set('status', filter.status);
    if (filter.campaign) query.set('campaign', filter.campaign);
    if (cursor) query.set('cursor', cursor);
    const result = await api.call(`/v1/talking-points?${query}`, TalkingPointPage);
    if (!result.ok) return result;
    items.push(...result.data.items);
    cursor = result.data.nextCursor;
    if (!cursor) return { ok: true, status: result.status, data: items };
  }
  return { ok: true, status: 200, data: items };
}

export const getTalkingPoint = (api: ApiClient, id: string) =>
  api.call(`/v1/talking-points/${encodeURIComponent(id)}`, TalkingPoint);

export const createTalkingPoint = (api: ApiClient, input: TalkingPointInput) =>
  api.call('/v1/talking-points', TalkingPoint, { method: 'POST', body: input });

export const patchTalkingPoint = (api: ApiClient, id: string, patch: TalkingPointPatch, version: number) =>
  api.call(`/v1/talking-points/${encodeURIComponent(id)}`, TalkingPoint, {
    method: 'PATCH',
    body: patch,
    ifMatch: version,
  });

export function feedbackSummary(api: ApiClient, query: FeedbackSummaryQuery = {}) {
  const search = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => !!entry[1]),
  ).toString();
  return api.call(`/v1/feedback/summary${search ? `?${search}` : ''}`, FeedbackSummary);
}

export function feedbackNotes(api: ApiClient, target: FeedbackTarget, cursor: string | null) {
  const query = new URLSearchParams({ targetKind: target.kind, targetId: target.id, limit: '50' });
  if (cursor) query.set('cursor', cursor);
  return api.call(`/v1/feedback?${query}`, FeedbackPage);
}

export const lookupLead = (api: ApiClient, email: string) =>
  api.call('/v1/context/lookup', LookupResponse, { method: 'POST', body: { leads: [{ email }] } });
