import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Pages } from '../../../console/components/Pages.tsx';
import type { FeedbackSummary } from '../../../lib/contract/feedback.ts';
import { fakeFetch, renderSignedIn, UNUSED } from './fake-endpoint.tsx';

afterEach(() => {
  cleanup();
  history.replaceState(null, '', '/');
});

const tally = { landed: 1, didntLand: 1, didntLandRate: 0.5 };
const SUMMARY: FeedbackSummary = {
  generatedAt: '2026-12-02T10:00:00.000Z',
  targets: [
    {
      target: { kind: 'campaignMessage', id: 'q4-cloud-savings' },
      title: 'Q4 Cloud Savings',
      campaign: 'q4-cloud-savings',
      status: 'active',
      total: tally,
      reasons: { pricing: 1 },
      bySegment: [],
      byWeek: [{ week: '2026-W49', tally }],
      ...UNUSED,
    },
  ],
};

describe('a link to one target in What lands (from the home page)', () => {
  it("opens that target's details", async () => {
    history.replaceState(null, '', '/console/lands/campaigns/q4-cloud-savings');
    const endpoint = fakeFetch((call) =>
      call.path.startsWith('/v1/feedback/summary')
        ? { status: 200, body: SUMMARY }
        : { status: 200, body: { items: [], nextCursor: null } },
    );
    renderSignedIn(<Pages />, endpoint.fetch);
    expect(await screen.findByRole('heading', { name: 'Campaign message: Q4 Cloud Savings' })).toBeTruthy();
    expect(document.title).toBe('What lands · Coalface console');
  });
});
