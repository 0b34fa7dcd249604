// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../../console/lib/api.ts';
import { listCampaigns, listTalkingPoints } from '../../../console/lib/endpoint.ts';
import type { Campaign } from '../../../lib/contract/campaigns.ts';
import { routes } from '../../../lib/contract/routes.ts';
import type { TalkingPoint } from '../../../lib/contract/talking-points.ts';
import { type Answer, localEndpoint, type Seen } from './local-endpoint-server.ts';

const point = (id: string): TalkingPoint => ({
  id,
  campaign: null,
  title: `Point ${id}`,
  body: 'Ask when next year’s budget is set.',
  status: 'live',
  priority: 3,
  audience: { personas: [], industries: [], regions: [], lifecycleStages: [] },
  triggers: { contentIds: [], topics: [], eventTypes: [] },
  validFrom: null,
  validTo: null,
  version: 1,
  updatedAt: '2026-11-21T10:00:00.000Z',
  author: 'Mia Marketer',
});

const CAMPAIGN: Campaign = {
  key: 'q4-cloud-savings',
  name: 'Q4 Cloud Savings',
  status: 'active',
  startsAt: null,
  endsAt: null,
  message: { headline: 'Cut your cloud bill', pitch: 'Most teams overpay.', proofPoints: [] },
  version: 3,
  updatedAt: '2026-11-20T10:00:00.000Z',
};

const forbidden: Answer = {
  status: 403,
  body: { type: 'urn:coalface:problem:forbidden', title: 'Forbidden', status: 403, detail: 'Marketers only.' },
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function endpoint(answer: (seen: Seen) => Answer) {
  const server = await localEndpoint(answer);
  close = server.close;
  const onUnauthorized = vi.fn();
  const api = new ApiClient({ token: 'cf_marketer', base: server.base, onUnauthorized });
  return { ...server, api, onUnauthorized };
}

describe('listing talking points', () => {
  it('follows the cursor through every page and returns all the points in order', async () => {
    const pages: Record<string, Answer> = {
      '': { status: 200, body: { items: [point('tp_1'), point('tp_2')], nextCursor: 'c1' } },
      c1: { status: 200, body: { items: [point('tp_3')], nextCursor: null } },
    };
    const { api, seen } = await endpoint((s) => pages[s.query.cursor ?? ''] ?? forbidden);
    const result = await listTalkingPoints(api);
    expect(result).toEqual({ ok: true, status: 200, data: [point('tp_1'), point('tp_2'), point('tp_3')] });
    expect(seen.map((s) => s.query)).toEqual([{ limit: '200' }, { limit: '200', cursor: 'c1' }]);
    expect(seen[0]?.authorization).toBe('Bearer cf_marketer');
  });

  it('asks the endpoint for the status and campaign picked, and for any when none is', async () => {
    const { api, seen } = await endpoint(() => ({ status: 200, body: { items: [], nextCursor: null } }));
    await listTalkingPoints(api, { status: 'retired', campaign: 'q4-cloud-savings' });
    await listTalkingPoints(api, { campaign: '' });
    expect(seen.map((s) => s.query)).toEqual([
      { limit: '200', status: 'retired', campaign: 'q4-cloud-savings' },
      { limit: '200' },
    ]);
  });

  it('reports the failure of a later page instead of a partial list', async () => {
    const { api } = await endpoint((s) =>
      s.query.cursor ? forbidden : { status: 200, body: { items: [point('tp_1')], nextCursor: 'c1' } },
    );
    const result = await listTalkingPoints(api);
    expect(result).toMatchObject({ ok: false, status: 403, problem: { detail: 'Marketers only.' } });
  });

  it('stops after 50 pages when the endpoint never stops handing out cursors', async () => {
    let n = 0;
    const { api, seen } = await endpoint(() => {
      n += 1;
      return { status: 200, body: { items: [point(`tp_${n}`)], nextCursor: `c${n}` } };
    });
    const result = await listTalkingPoints(api);
    expect(seen).toHaveLength(50);
    expect(result.ok && result.data.length).toBe(50);
    expect(result).toMatchObject({ ok: true, status: 200 });
  });
});

describe('listing campaigns', () => {
  it('returns the campaigns themselves, and the failure as it came', async () => {
    const { api } = await endpoint(() => ({ status: 200, body: { campaigns: [CAMPAIGN] } }));
    expect(await listCampaigns(api)).toEqual({ ok: true, status: 200, data: [CAMPAIGN] });
    await close?.();
    const refused = await endpoint(() => forbidden);
    expect(await listCampaigns(refused.api)).toEqual({ ok: false, status: 403, problem: forbidden.body });
  });
});

describe('what a failed call shows the marketer', () => {
  it('says the endpoint could not be reached when nothing answers', async () => {
    const { api, close: stop } = await endpoint(() => forbidden);
    await stop();
    close = undefined;
    expect(await api.call(routes.me)).toEqual({
      ok: false,
      status: 0,
      problem: {
        type: 'urn:coalface:console',
        title: 'Offline',
        status: 0,
        detail: 'The endpoint could not be reached. Check your connection and try again.',
      },
    });
  });

  it('words an error that carries no problem details from its status', async () => {
    const { api } = await endpoint(() => ({ status: 502, statusText: 'Bad Gateway', type: 'text/html', body: '<h1>' }));
    expect(await api.call(routes.me)).toEqual({
      ok: false,
      status: 502,
      problem: {
        type: 'urn:coalface:console',
        title: 'Bad Gateway',
        status: 502,
        detail: 'The endpoint answered 502.',
      },
    });
  });

  it('calls an error with no status text just an error', async () => {
    const { api } = await endpoint(() => ({ status: 500, type: 'text/plain', body: 'oops' }));
    const result = await api.call(routes.me);
    expect(result.ok ? null : result.problem.title).toBe('Error');
  });

  it('says the console may be older than the endpoint when a success is not in the expected shape', async () => {
    const { api } = await endpoint(() => ({ status: 200, body: { campaigns: 'all of them' } }));
    expect(await api.call(routes.listCampaigns)).toEqual({
      ok: false,
      status: 200,
      problem: {
        type: 'urn:coalface:console',
        title: 'Unexpected answer',
        status: 200,
        detail:
          "The endpoint's answer to /v1/campaigns was not in the expected shape; the console may be older than the endpoint.",
      },
    });
  });

  it('reports a 401 so the console can ask for the token again, and no other refusal', async () => {
    const unauthorized: Answer = {
      status: 401,
      body: { type: 'urn:coalface:problem:unauthorized', title: 'Unauthorized', status: 401, detail: 'Token revoked.' },
    };
    const { api, onUnauthorized } = await endpoint((s) => (s.path === '/v1/me' ? unauthorized : forbidden));
    await api.call(routes.listCampaigns);
    expect(onUnauthorized).not.toHaveBeenCalled();
    const result = await api.call(routes.me);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(result).toEqual({ ok: false, status: 401, problem: unauthorized.body });
  });
});
