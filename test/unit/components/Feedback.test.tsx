// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeedbackView, SidebarState } from '../../../lib/messages.ts';
import { danaContext, readyState } from './fixtures.ts';
import { renderSidebar } from './render.tsx';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const POINT = { kind: 'talkingPoint', id: 'tp-idle-capacity' } as const;

function withFeedback(feedback: FeedbackView[], failed?: FeedbackView[]): SidebarState {
  return { ...readyState(), feedback, ...(failed ? { failed } : {}) } as SidebarState;
}

function verdict(overrides: Partial<FeedbackView> = {}): FeedbackView {
  return {
    id: '2b0e7a4c-4d4e-4a57-9a36-0d6c2f1b7f10',
    target: POINT,
    verdict: 'didnt_land',
    reason: 'pricing',
    status: 'queued',
    undoUntil: Date.now() + 10_000,
    ...overrides,
  };
}

/** The top-ranked talking point's card. */
function firstPoint() {
  const heading = within(screen.getByRole('region', { name: 'Talking points' })).getAllByRole('heading', {
    level: 3,
  })[0];
  const card = heading?.closest('li');
  if (!card) throw new Error('no talking point on screen');
  return within(card);
}

describe("a rep says a talking point didn't land", () => {
  it('is asked for a reason, cannot send without one, then sends the reason and the note', () => {
    const { sent } = renderSidebar(readyState());
    const point = firstPoint();
    fireEvent.click(point.getByRole('button', { name: "Didn't land" }));
    const form = within(point.getByRole('form', { name: /didn't land/ }));
    const reasons = form.getAllByRole('radio').map((radio) => radio.closest('label')?.textContent);
    expect(reasons).toEqual(['Not relevant', 'Wrong persona', 'Outdated', 'Competitor', 'Pricing', 'Tone', 'Other']);

    fireEvent.click(form.getByRole('button', { name: 'Send' }));
    expect(form.getByRole('alert').textContent).toBe('Pick a reason so marketing knows what to fix.');
    expect(sent('feedback')).toHaveLength(0);

    fireEvent.click(form.getByRole('radio', { name: 'Pricing' }));
    fireEvent.change(form.getByLabelText('Note for marketing (optional)'), {
      target: { value: '  They just signed a 3-year deal with a competitor.  ' },
    });
    fireEvent.click(form.getByRole('button', { name: 'Send' }));

    const [intent] = sent('feedback');
    expect(intent).toMatchObject({
      type: 'feedback',
      target: POINT,
      verdict: 'didnt_land',
      reason: 'pricing',
      note: 'They just signed a 3-year deal with a competitor.',
    });
    expect(intent?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(point.queryByRole('form')).toBeNull();
  });

  it('Cancel closes the form and sends nothing', () => {
    const { sent } = renderSidebar(readyState());
    const point = firstPoint();
    fireEvent.click(point.getByRole('button', { name: "Didn't land" }));
    fireEvent.click(point.getByRole('button', { name: 'Cancel' }));
    expect(point.queryByRole('form')).toBeNull();
    expect(sent('feedback')).toHaveLength(0);
  });

  it('Landed sends at once, with no reason', () => {
    const { sent } = renderSidebar(readyState());
    fireEvent.click(firstPoint().getByRole('button', { name: 'Landed' }));
    expect(sent('feedback')).toEqual([
      { type: 'feedback', requestId: expect.any(String), target: POINT, verdict: 'landed' },
    ]);
  });

  it('shows an error the background answers with', () => {
    const { sent, answer } = renderSidebar(readyState());
    fireEvent.click(firstPoint().getByRole('button', { name: 'Landed' }));
    const [intent] = sent('feedback');
    if (!intent) throw new Error('no intent');
    answer({ requestId: intent.requestId, ok: false, code: 'storage', message: 'Could not save the verdict.' });
    expect(firstPoint().getByRole('alert').textContent).toBe('Could not save the verdict.');
  });
});

describe("a verdict's status", () => {
  it.each([
    [verdict({ status: 'queued' }), "You said: Didn't land (Pricing) · Queued — will send when back online"],
    [verdict({ status: 'sent', verdict: 'landed', reason: undefined }), 'You said: Landed · Sent'],
    [
      verdict({ status: 'failed', failure: 'The endpoint refused this token (401).' }),
      "You said: Didn't land (Pricing) · Couldn't send: The endpoint refused this token (401).",
    ],
  ])('reads as the rep would expect (%#)', (item, text) => {
    renderSidebar(withFeedback([item]));
    expect(firstPoint().getByText(text)).toBeTruthy();
  });

  it('shows the newest verdict for the target, not for another target', () => {
    renderSidebar(
      withFeedback([
        verdict({ id: '5f7b5e0a-1111-4c4c-8d8d-000000000001', verdict: 'landed', reason: undefined, status: 'sent' }),
        verdict({ id: '5f7b5e0a-1111-4c4c-8d8d-000000000002', status: 'sent' }),
        verdict({
          id: '5f7b5e0a-1111-4c4c-8d8d-000000000003',
          target: { kind: 'talkingPoint', id: 'tp-budget-cycle' },
          status: 'queued',
        }),
      ]),
    );
    expect(firstPoint().getByText('You said: Landed · Sent')).toBeTruthy();
    expect(firstPoint().getByRole('button', { name: 'Landed' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('offers Undo only inside the undo window, and Undo asks to take the verdict back', () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-20T12:00:00Z') });
    const item = verdict({ undoUntil: Date.now() + 5_000 });
    const { sent } = renderSidebar(withFeedback([item]));
    fireEvent.click(firstPoint().getByRole('button', { name: 'Undo' }));
    expect(sent('undo-feedback')).toEqual([{ type: 'undo-feedback', requestId: expect.any(String), id: item.id }]);

    act(() => vi.advanceTimersByTime(5_001));
    expect(firstPoint().queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('offers no Undo once the window has passed', () => {
    renderSidebar(withFeedback([verdict({ undoUntil: Date.now() - 1 })]));
    expect(firstPoint().queryByRole('button', { name: 'Undo' })).toBeNull();
  });
});

describe('feedback on the campaign message', () => {
  it('targets the campaign shown, by its key', () => {
    const { sent } = renderSidebar(readyState());
    const campaign = within(screen.getByRole('region', { name: 'Campaign' }));
    fireEvent.click(campaign.getByRole('button', { name: 'Also in: Always-on nurture' }));
    fireEvent.click(campaign.getByRole('button', { name: "Didn't land" }));
    fireEvent.click(campaign.getByRole('radio', { name: 'Outdated' }));
    fireEvent.click(campaign.getByRole('button', { name: 'Send' }));
    expect(sent('feedback')).toEqual([
      {
        type: 'feedback',
        requestId: expect.any(String),
        target: { kind: 'campaignMessage', id: 'always-on-nurture' },
        verdict: 'didnt_land',
        reason: 'outdated',
      },
    ]);
  });
});

describe("the couldn't-send list", () => {
  it('names each refused verdict and offers Resend and Discard', () => {
    const refused = verdict({
      id: '9c1d3f7e-2222-4b4b-9e9e-000000000009',
      target: { kind: 'campaignMessage', id: 'q4-cloud-savings' },
      status: 'failed',
      failure: 'The endpoint no longer knows this campaign (404).',
    });
    const { sent } = renderSidebar(withFeedback([], [refused]));
    const panel = within(screen.getByRole('region', { name: "Couldn't send (1)" }));
    expect(panel.getByText('Campaign message: Q4 Cloud Savings')).toBeTruthy();
    expect(panel.getByText('The endpoint no longer knows this campaign (404).')).toBeTruthy();
    fireEvent.click(panel.getByRole('button', { name: 'Resend the verdict on Campaign message: Q4 Cloud Savings' }));
    fireEvent.click(panel.getByRole('button', { name: 'Discard the verdict on Campaign message: Q4 Cloud Savings' }));
    expect(sent('resend-failed')).toEqual([{ type: 'resend-failed', id: refused.id }]);
    expect(sent('discard-failed')).toEqual([{ type: 'discard-failed', id: refused.id }]);
  });

  it('is not shown when nothing failed', () => {
    renderSidebar(withFeedback([]));
    expect(screen.queryByRole('region', { name: /Couldn't send/ })).toBeNull();
    expect(danaContext.talkingPoints.length).toBeGreaterThan(0);
  });
});
