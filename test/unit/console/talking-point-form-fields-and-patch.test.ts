import { describe, expect, it } from 'vitest';
import { WINDOW_OUT_OF_ORDER } from '../../../console/lib/errors.ts';
import { checkPoint, EMPTY_POINT, type PointForm, pointPatch, pointToForm } from '../../../console/lib/pointForm.ts';
import { POINT } from './fake-endpoint.tsx';

const FULL = {
  ...POINT,
  audience: { personas: ['Finance'], industries: ['Retail'], regions: ['EMEA'], lifecycleStages: ['mql'] },
  triggers: { contentIds: ['cloud-playbook'], topics: ['cost'], eventTypes: ['page_view'] },
} as typeof POINT;

const FILLED: PointForm = { ...EMPTY_POINT, title: 'Budgets reset in January', body: 'Ask when.' };

describe('a stored talking point opened in the form', () => {
  it('shows every pick it holds', () => {
    const form = pointToForm(FULL);
    expect(form).toMatchObject({
      campaign: 'q4-cloud-savings',
      personas: ['Finance'],
      industries: ['Retail'],
      regions: ['EMEA'],
      lifecycleStages: ['mql'],
      contentIds: ['cloud-playbook'],
      topics: ['cost'],
      eventTypes: ['page_view'],
    });
  });

  it('shows “no campaign” for a point that has none', () => {
    expect(pointToForm({ ...POINT, campaign: null }).campaign).toBe('');
  });
});

describe('checking the talking-point form', () => {
  it('says nothing about the window when it is in order and another field is wrong', () => {
    const check = checkPoint({ ...FILLED, title: '', validFrom: '2026-10-01T00:00', validTo: '2026-12-01T00:00' });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors).toHaveProperty('title');
    expect(check.errors).not.toHaveProperty('validTo');
  });

  it('says the end must not be before the start, under Valid to', () => {
    const check = checkPoint({ ...FILLED, validFrom: '2026-12-01T00:00', validTo: '2026-10-01T00:00' });
    expect(check.ok ? null : check.errors.validTo).toBe(WINDOW_OUT_OF_ORDER);
  });
});

describe('the patch a save sends', () => {
  it('clears the campaign and the window the form left empty', () => {
    const check = checkPoint(FILLED);
    if (!check.ok) throw new Error(JSON.stringify(check.errors));
    const patch = pointPatch(check.input);
    expect(patch.campaign).toBeNull();
    expect(patch.validFrom).toBeNull();
    expect(patch.validTo).toBeNull();
  });

  it('keeps the campaign and the window the form holds', () => {
    const check = checkPoint({
      ...FILLED,
      campaign: 'q4-cloud-savings',
      validFrom: '2026-10-01T00:00',
      validTo: '2026-12-01T00:00',
    });
    if (!check.ok) throw new Error(JSON.stringify(check.errors));
    const patch = pointPatch(check.input);
    expect(patch.campaign).toBe('q4-cloud-savings');
    expect(patch.validFrom).toBe(new Date('2026-10-01T00:00').toISOString());
    expect(patch.validTo).toBe(new Date('2026-12-01T00:00').toISOString());
  });
});
