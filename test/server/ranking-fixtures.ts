import type { TalkingPoint } from '../../lib/contract/index.ts';
import { type RankingInput, rankTalkingPoints } from '../../server/domain/ranking.ts';

// What the ranking tests start from: one instant, a plain talking point, and a Finance lead.
export const NOW = new Date('2026-11-26T12:00:00Z');
export const DAY = 86_400_000;

/** A live point for everyone at priority 3, no triggers and no window, last changed 30 days before NOW. */
export const point = (id: string, over: Partial<TalkingPoint> = {}): TalkingPoint => ({
  id,
  campaign: null,
  title: `Point ${id}`,
  body: 'Body',
  status: 'live',
  priority: 3,
  audience: { personas: [], industries: [], regions: [], lifecycleStages: [] },
  triggers: { contentIds: [], topics: [], eventTypes: [] },
  validFrom: null,
  validTo: null,
  version: 1,
  updatedAt: new Date(NOW.getTime() - 30 * DAY).toISOString(),
  ...over,
});

/** The points ranked at NOW for a lead of persona Finance, industry Manufacturing, region NA, stage MQL. */
export const rank = (over: Partial<RankingInput>) =>
  rankTalkingPoints({
    lead: { segments: { persona: 'Finance', industry: 'Manufacturing', region: 'NA' }, lifecycleStage: 'mql' },
    events: [],
    points: [],
    currentCampaign: null,
    otherCampaigns: [],
    now: NOW,
    ...over,
  });
