import { describe, expect, it } from 'vitest';
import { EMPTY_CAMPAIGN } from '../../../console/lib/campaignForm.ts';
import { shapedLike } from '../../../console/lib/drafts.ts';
import { EMPTY_POINT } from '../../../console/lib/pointForm.ts';

describe('a draft read back from the device', () => {
  const isPoint = shapedLike(EMPTY_POINT);
  const isCampaign = shapedLike(EMPTY_CAMPAIGN);

  it('is kept when it has every field of the form, each holding the same kind of value', () => {
    expect(isPoint({ ...EMPTY_POINT, title: 'Budgets', priority: 5, personas: ['Finance'] })).toBe(true);
    expect(isCampaign({ ...EMPTY_CAMPAIGN, proofPoints: ['Globex saved 34%'], extra: 1 })).toBe(true);
  });

  it('is ignored when a field is missing or holds another kind of value', () => {
    const { priority: _, ...noPriority } = EMPTY_POINT;
    expect(isPoint(noPriority)).toBe(false);
    expect(isPoint({ ...EMPTY_POINT, priority: '3' })).toBe(false);
    expect(isPoint({ ...EMPTY_POINT, topics: ['cost', 3] })).toBe(false);
    expect(isCampaign({ ...EMPTY_CAMPAIGN, proofPoints: 'one' })).toBe(false);
    expect(isCampaign(null)).toBe(false);
    expect(isCampaign('draft')).toBe(false);
  });
});
