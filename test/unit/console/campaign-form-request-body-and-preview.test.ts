import { describe, expect, it } from 'vitest';
import {
  type CampaignForm,
  campaignPatch,
  campaignToForm,
  checkCampaign,
  EMPTY_CAMPAIGN,
  previewCampaign,
} from '../../../console/lib/campaignForm.ts';
import { WINDOW_OUT_OF_ORDER } from '../../../console/lib/errors.ts';
import { CAMPAIGN } from './fake-endpoint.tsx';

const FILLED: CampaignForm = {
  ...EMPTY_CAMPAIGN,
  key: 'q4-cloud',
  name: 'Q4 Cloud',
  headline: 'Cut your cloud bill',
  pitch: 'Most teams overpay.',
};

/** What `datetime-local` value the marketer typed, as the instant the endpoint is sent. */
const instant = (local: string) => new Date(local).toISOString();

function errorsOf(form: CampaignForm) {
  const check = checkCampaign(form);
  if (check.ok) throw new Error('expected the form to be refused');
  return check.errors;
}

function inputOf(form: CampaignForm) {
  const check = checkCampaign(form);
  if (!check.ok) throw new Error(`expected the form to pass: ${JSON.stringify(check.errors)}`);
  return check.input;
}

describe('a stored campaign opened in the form', () => {
  it('shows empty call-to-action fields when the campaign has none', () => {
    const { cta: _, ...message } = CAMPAIGN.message;
    const form = campaignToForm({ ...CAMPAIGN, message });
    expect(form.ctaLabel).toBe('');
    expect(form.ctaUrl).toBe('');
  });
});

describe('the campaign form as the request body', () => {
  it('trims the key and the CTA URL, and sends the window as UTC instants', () => {
    const input = inputOf({
      ...FILLED,
      key: '  q4-cloud ',
      startsAt: '2026-10-01T09:00',
      endsAt: '2026-12-31T18:30',
      ctaLabel: 'Book a review',
      ctaUrl: ' https://example.com/review ',
    });
    expect(input.key).toBe('q4-cloud');
    expect(input.startsAt).toBe(instant('2026-10-01T09:00'));
    expect(input.endsAt).toBe(instant('2026-12-31T18:30'));
    expect(input.message.cta).toEqual({ label: 'Book a review', url: 'https://example.com/review' });
  });

  it('sends no call to action when both its fields are blank', () => {
    const input = inputOf({ ...FILLED, ctaLabel: '   ', ctaUrl: '  ' });
    expect(input.message).not.toHaveProperty('cta');
    expect(input).not.toHaveProperty('startsAt');
    expect(input).not.toHaveProperty('endsAt');
  });

  it('asks for the URL when only the label is filled, and for the label when only the URL is', () => {
    expect(errorsOf({ ...FILLED, ctaLabel: 'Book a review' })).toHaveProperty(['message.cta.url']);
    expect(errorsOf({ ...FILLED, ctaUrl: 'https://example.com/review' })).toHaveProperty(['message.cta.label']);
  });

  it('says the end must not be before the start, under Ends, in the form’s words', () => {
    const errors = errorsOf({ ...FILLED, startsAt: '2026-12-31T00:00', endsAt: '2026-10-01T00:00' });
    expect(errors.endsAt).toBe(WINDOW_OUT_OF_ORDER);
  });

  it('says nothing about the window when it is in order and another field is wrong', () => {
    const errors = errorsOf({ ...FILLED, name: '', startsAt: '2026-10-01T00:00', endsAt: '2026-12-31T00:00' });
    expect(errors).toHaveProperty('name');
    expect(errors).not.toHaveProperty('endsAt');
  });
});

describe('the patch a save sends', () => {
  it('clears the window and the call to action the form left empty (null, not left out)', () => {
    const patch = campaignPatch(inputOf(FILLED));
    expect(patch.startsAt).toBeNull();
    expect(patch.endsAt).toBeNull();
    expect(patch.message?.cta).toBeNull();
  });

  it('keeps the window and the call to action the form holds', () => {
    const patch = campaignPatch(
      inputOf({
        ...FILLED,
        startsAt: '2026-10-01T09:00',
        endsAt: '2026-12-31T18:30',
        ctaLabel: 'Book',
        ctaUrl: 'https://example.com/b',
      }),
    );
    expect(patch.startsAt).toBe(instant('2026-10-01T09:00'));
    expect(patch.endsAt).toBe(instant('2026-12-31T18:30'));
    expect(patch.message?.cta).toEqual({ label: 'Book', url: 'https://example.com/b' });
  });
});

describe('the sidebar preview of a half-typed campaign', () => {
  it('fills what is not typed yet with placeholders', () => {
    expect(previewCampaign(EMPTY_CAMPAIGN)).toEqual({
      key: 'preview',
      name: 'Untitled campaign',
      endsAt: null,
      message: { headline: 'Headline', pitch: 'The pitch reps will read appears here.', proofPoints: [] },
    });
  });

  it('shows what is typed, with blank proof points left out and the CTA trimmed', () => {
    const preview = previewCampaign({
      ...FILLED,
      endsAt: '2026-12-31T18:30',
      proofPoints: ['  Globex saved 34% ', '   ', ''],
      ctaLabel: ' Book a review ',
      ctaUrl: ' https://example.com/review ',
    });
    expect(preview).toEqual({
      key: 'q4-cloud',
      name: 'Q4 Cloud',
      endsAt: instant('2026-12-31T18:30'),
      message: {
        headline: 'Cut your cloud bill',
        pitch: 'Most teams overpay.',
        proofPoints: ['Globex saved 34%'],
        cta: { label: 'Book a review', url: 'https://example.com/review' },
      },
    });
  });

  it('shows no end date for one that cannot be read, and no CTA until both its fields are typed', () => {
    const preview = previewCampaign({ ...FILLED, endsAt: 'not a date', ctaLabel: 'Book a review' });
    expect(preview.endsAt).toBeNull();
    expect(preview.message).not.toHaveProperty('cta');
    expect(previewCampaign({ ...FILLED, ctaUrl: 'https://example.com/review' }).message).not.toHaveProperty('cta');
  });
});
