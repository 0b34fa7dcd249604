// The funnel page's calls to the endpoint, and who may do what there.
import type { Role } from '../../lib/contract/common.ts';
import { Funnel, FunnelHistory, type FunnelInput, FunnelMetrics, type FunnelTeam } from '../../lib/contract/funnel.ts';
import type { ApiClient } from './api.ts';

export const getFunnel = (api: ApiClient) => api.call('/v1/funnel', Funnel);
export const getFunnelHistory = (api: ApiClient) => api.call('/v1/funnel/history', FunnelHistory);
export const getFunnelMetrics = (api: ApiClient, weeks: number) =>
  api.call(`/v1/funnel/metrics?weeks=${weeks}`, FunnelMetrics);

export const replaceFunnel = (api: ApiClient, input: FunnelInput, version: number) =>
  api.call('/v1/funnel', Funnel, { method: 'PUT', body: input, ifMatch: version });

export const signFunnel = (api: ApiClient, version: number) =>
  api.call('/v1/funnel/signatures', Funnel, { method: 'POST', body: { version } });

/** Marketers, sales managers and admins edit the definition. */
export const canEditFunnel = (role: Role) => role === 'marketer' || role === 'manager' || role === 'admin';

/** The team a role signs for (mirrors the endpoint): marketer → marketing, manager → sales, others none. */
export function signsFor(role: Role): FunnelTeam | null {
  if (role === 'marketer') return 'marketing';
  if (role === 'manager') return 'sales';
  return null;
}

export const TEAM_LABEL: Readonly<Record<FunnelTeam, string>> = { marketing: 'Marketing', sales: 'Sales' };
