import { describe, expect, it } from 'vitest';
import { knownValues } from '../../../console/lib/knownValues.ts';
import type { FeedbackSummary, TargetSummary } from '../../../lib/contract/feedback.ts';
import type { TalkingPoint } from '../../../lib/contract/talking-points.ts';
import { POINT, UNUSED } from './fake-endpoint.tsx';

const pointWith = (audience: Partial<TalkingPoint['audience']>, triggers: Partial<TalkingPoint['triggers']>) => ({
  ...POINT,
  audience: { ...POINT.audience, personas: [], industries: [], regions: [], ...audience },
  triggers: { ...POINT.triggers, contentIds: [], topics: [], ...triggers },
});

const judgedIn = (bySegment: TargetSummary['bySegment']): TargetSummary => ({
  target: { kind: 'talkingPoint', id: 'tp_x' },
  title: 'x',
  campaign: null,
  status: 'live',
  total: { landed: 1, didntLand: 0, didntLandRate: 0 },
  reasons: {},
  bySegment,
  byWeek: [],
  ...UNUSED,
});

const tally = { landed: 1, didntLand: 0, didntLandRate: 0 };

describe('the values the talking-point form offers to pick', () => {
  it('gathers each segment and trigger from every stored point, once each, in alphabetical order', () => {
    const known = knownValues(
      [
        pointWith(
          { personas: ['Finance', 'CTO'], industries: ['Retail'], regions: ['EMEA'] },
          { contentIds: ['pricing-page', 'cloud-playbook'], topics: ['cost'] },
        ),
        pointWith(
          { personas: ['Finance'], industries: ['Banking', 'Retail'], regions: ['APAC'] },
          { contentIds: ['cloud-playbook'], topics: ['security', 'budget'] },
        ),
      ],
      null,
    );
    expect(known).toEqual({
      personas: ['CTO', 'Finance'],
      industries: ['Banking', 'Retail'],
      regions: ['APAC', 'EMEA'],
      contentIds: ['cloud-playbook', 'pricing-page'],
      topics: ['budget', 'cost', 'security'],
    });
  });

  it('adds the segments reps gave verdicts in, each under its own dimension', () => {
    const summary: FeedbackSummary = {
      generatedAt: '2026-11-26T10:00:00.000Z',
      targets: [
        judgedIn([
          { dimension: 'persona', value: 'Procurement', tally },
          { dimension: 'industry', value: 'Airlines', tally },
        ]),
        judgedIn([
          { dimension: 'region', value: 'LATAM', tally },
          { dimension: 'persona', value: 'Finance', tally },
        ]),
      ],
    };
    const known = knownValues([pointWith({ personas: ['Finance'] }, {})], summary);
    expect(known).toEqual({
      personas: ['Finance', 'Procurement'],
      industries: ['Airlines'],
      regions: ['LATAM'],
      contentIds: [],
      topics: [],
    });
  });
});
