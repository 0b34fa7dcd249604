import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { ApiClient } from '../../../console/lib/api.ts';
import { SessionProvider } from '../../../console/lib/session.tsx';
import type { Campaign, CampaignInput } from '../../../lib/contract/campaigns.ts';
import type { TargetSummary } from '../../../lib/contract/feedback.ts';
import type { TalkingPoint } from '../../../lib/contract/talking-points.ts';

export interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Handler = (call: Call) => { status: number; body: unknown } | undefined;

/** A fetch that answers from `handler` (first match wins) and records every call. */
export function fakeFetch(handler: Handler) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: string, init: RequestInit) => {
    const url = new URL(input, 'http://console.test');
    const call: Call = {
      method: init.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const answer = handler(call) ?? { status: 404, body: problem(404, 'Nothing here.') };
    const type = answer.status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'Content-Type': type } });
  });
  return { fetch, calls };
}

export const problem = (status: number, detail: string, errors?: { path: string; message: string }[]) => ({
  type: 'urn:coalface:problem:test',
  title: 'Problem',
  status,
  detail,
  ...(errors ? { errors } : {}),
});

/**
 * `POST /v1/campaigns` as the endpoint answers it: with `If-None-Match: *` a key in `existing` is a
 * 412 key-taken problem naming the key; otherwise the campaign is stored at version 1.
 */
export function campaignCreation(existing: readonly Campaign[]): Handler {
  return (call) => {
    if (call.method !== 'POST' || call.path !== '/v1/campaigns') return undefined;
    const input = call.body as CampaignInput;
    if (call.headers['If-None-Match'] === '*' && existing.some((c) => c.key === input.key)) {
      return {
        status: 412,
        body: {
          type: 'urn:coalface:problem:key-taken',
          title: 'Precondition failed',
          status: 412,
          detail: `A campaign with key ${input.key} already exists. Choose another key, or send the request without If-None-Match to replace it.`,
        },
      };
    }
    const created: Campaign = {
      ...input,
      startsAt: input.startsAt ?? null,
      endsAt: input.endsAt ?? null,
      version: 1,
      updatedAt: '2026-11-26T10:00:00.000Z',
    };
    return { status: 201, body: created };
  };
}

export function renderSignedIn(ui: ReactNode, fetch: ReturnType<typeof fakeFetch>['fetch']) {
  const onUnauthorized = vi.fn();
  const api = new ApiClient({ token: 'cf_test_marketer', fetch, onUnauthorized });
  const me = { tokenId: 't1', name: 'Mia Marketer', role: 'marketer' as const };
  return { ...render(<SessionProvider value={{ api, me }}>{ui}</SessionProvider>), onUnauthorized };
}

export const CAMPAIGN: Campaign = {
  key: 'q4-cloud-savings',
  name: 'Q4 Cloud Savings',
  status: 'active',
  startsAt: '2026-10-01T00:00:00.000Z',
  endsAt: '2026-12-31T00:00:00.000Z',
  message: {
    headline: 'Cut your cloud bill by 30% this quarter',
    pitch: 'Most teams overpay for idle capacity.',
    proofPoints: ['Globex saved 34%', 'Setup in a day'],
    cta: { label: 'Book a cost review', url: 'https://example.com/review' },
  },
  version: 3,
  updatedAt: '2026-11-20T10:00:00.000Z',
};

export const POINT: TalkingPoint = {
  id: 'tp_abc',
  campaign: 'q4-cloud-savings',
  title: 'Budgets reset in January',
  body: 'Ask when next year’s budget is set.',
  status: 'live',
  priority: 4,
  audience: { personas: ['Finance'], industries: [], regions: [], lifecycleStages: [] },
  triggers: { contentIds: ['cloud-playbook'], topics: ['cost'], eventTypes: [] },
  validFrom: null,
  validTo: null,
  version: 7,
  updatedAt: '2026-11-21T10:00:00.000Z',
  author: 'Mia Marketer',
};

/** A summary target's use and Moved forward when nobody used it. */
export const UNUSED: Pick<TargetSummary, 'usage' | 'movedForward'> = {
  usage: { uses: 0, reps: 0, leads: 0 },
  movedForward: {
    days: 14,
    used: { leads: 0, advanced: 0, rate: null },
    baseline: { leads: 0, advanced: 0, rate: null },
    difference: null,
    interval: null,
    verdict: 'too_few',
  },
};
