import { beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_CAMPAIGN } from '../../../console/lib/campaignForm.ts';
import { clearDraft, draftKey, loadDraft, saveDraft, shapedLike } from '../../../console/lib/drafts.ts';

const KEY = draftKey('campaign', 'q4-cloud-savings');
const isCampaign = shapedLike(EMPTY_CAMPAIGN);
const edited = { ...EMPTY_CAMPAIGN, name: 'Q4 Savings' };

beforeEach(() => localStorage.clear());

describe('an unsaved edit kept on the device', () => {
  it('is stored under the item’s own key and read back with the version it was based on', () => {
    expect(KEY).toBe('coalface.console.draft.campaign.q4-cloud-savings');
    saveDraft(KEY, edited, 3);
    const draft = loadDraft(KEY, isCampaign);
    expect(draft?.value).toEqual(edited);
    expect(draft?.baseVersion).toBe(3);
    expect(Number.isNaN(Date.parse(draft?.savedAt ?? ''))).toBe(false);
  });

  it('is gone once cleared', () => {
    saveDraft(KEY, edited, 3);
    clearDraft(KEY);
    expect(loadDraft(KEY, isCampaign)).toBeNull();
  });

  it('has no base version when what it names is not a version number', () => {
    localStorage.setItem(KEY, JSON.stringify({ savedAt: '2026-11-26T10:00:00.000Z', baseVersion: '3', value: edited }));
    expect(loadDraft(KEY, isCampaign)?.baseVersion).toBeNull();
    localStorage.setItem(KEY, JSON.stringify({ savedAt: '2026-11-26T10:00:00.000Z', value: edited }));
    expect(loadDraft(KEY, isCampaign)?.baseVersion).toBeNull();
  });

  it('is ignored when it is not JSON, has no time it was saved, or holds another form', () => {
    localStorage.setItem(KEY, '{not json');
    expect(loadDraft(KEY, isCampaign)).toBeNull();
    localStorage.setItem(KEY, JSON.stringify({ baseVersion: 3, value: edited }));
    expect(loadDraft(KEY, isCampaign)).toBeNull();
    localStorage.setItem(KEY, JSON.stringify({ savedAt: '2026-11-26T10:00:00.000Z', baseVersion: 3, value: {} }));
    expect(loadDraft(KEY, isCampaign)).toBeNull();
  });

  it('is not taken for a form from a bare string, even for a form with no fields', () => {
    expect(shapedLike({})('draft')).toBe(false);
    expect(shapedLike({})({})).toBe(true);
  });
});
