// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LeadContext, TimelineEvent } from '../../../lib/contract/lookup.ts';
import type { SidebarState } from '../../../lib/messages.ts';
import { danaContext, readyState } from './fixtures.ts';
import { renderSidebar } from './render.tsx';

afterEach(cleanup);

// NOW is 2026-11-20T12:00Z; noon-ish times keep the day the same in any time zone from UTC-11 to UTC+11.
const events: TimelineEvent[] = [
  { id: 'e1', type: 'page_view', occurredAt: '2026-11-20T10:00:00Z', content: null, campaign: null },
  {
    id: 'e2',
    type: 'content_download',
    occurredAt: '2026-11-20T09:00:00Z',
    content: { id: 'c1', title: 'Cloud Cost Playbook', url: 'https://example.com/playbook', topic: 'cost' },
    campaign: null,
  },
  { id: 'e3', type: 'email_open', occurredAt: '2026-11-19T12:00:00Z', content: null, campaign: null },
  { id: 'e4', type: 'meeting', occurredAt: '2026-11-03T12:00:00Z', content: null, campaign: null },
];

function withEngagement(engagement: Partial<LeadContext['engagement']>, extra: Partial<SidebarState> = {}) {
  return {
    ...readyState({ ...danaContext, engagement: { ...danaContext.engagement, ...engagement } }),
    ...extra,
  } as SidebarState;
}

function engagementRegion() {
  return within(screen.getByRole('region', { name: 'Engagement' }));
}

describe('the engagement timeline', () => {
  it('groups events by day: Today, Yesterday, then dates', () => {
    renderSidebar(withEngagement({ timeline: events }));
    const days = engagementRegion()
      .getAllByRole('heading', { level: 3 })
      .map((heading) => heading.textContent);
    expect(days[0]).toBe('Today');
    expect(days[1]).toBe('Yesterday');
    expect(days[2]).toMatch(/Nov\w* 3/);
    expect(days).toHaveLength(3);
    const today = engagementRegion().getByRole('heading', { name: 'Today' }).closest('li');
    expect(today?.querySelectorAll('.cf-event')).toHaveLength(2);
  });

  it('marks each event with a decorative icon beside its words', () => {
    renderSidebar(withEngagement({ timeline: events }));
    const first = engagementRegion().getByText('Viewed page').closest('li');
    const icon = first?.querySelector('.cf-icon');
    expect(icon?.getAttribute('aria-hidden')).toBe('true');
    expect(icon?.textContent).not.toBe('');
  });

  it('offers Show more when the endpoint has older events, and asks for them', () => {
    const { sent } = renderSidebar(withEngagement({ timeline: events, hasMore: false, nextBefore: 'cursor-1' }));
    fireEvent.click(engagementRegion().getByRole('button', { name: 'Show more' }));
    expect(sent('load-more-events')).toEqual([{ type: 'load-more-events' }]);
  });

  it('says it is loading more, and does not ask twice', () => {
    const { sent } = renderSidebar(withEngagement({ timeline: events, hasMore: true }, { loadingMore: true }));
    const button = engagementRegion().getByRole('button', { name: 'Loading more…' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(button);
    expect(sent('load-more-events')).toHaveLength(0);
  });

  it('offers no Show more when the timeline is whole', () => {
    renderSidebar(withEngagement({ timeline: events, hasMore: false, nextBefore: null }));
    expect(engagementRegion().queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('marks an email open as maybe automatic, muted, with the why on hover, and a click not at all', () => {
    const click: TimelineEvent = {
      id: 'e5',
      type: 'email_click',
      occurredAt: '2026-11-19T11:00:00Z',
      content: null,
      campaign: null,
    };
    renderSidebar(withEngagement({ timeline: [...events, click] }));
    const open = engagementRegion().getByText('Opened email').closest('li');
    const mark = open?.querySelector('.cf-weak');
    expect(open?.querySelector('p')?.textContent).toBe('Opened email (may be automatic)');
    expect(mark?.getAttribute('title')).toMatch(/^Weak signal: mail privacy features .* open email on their own/);
    expect(open?.classList.contains('cf-event--weak')).toBe(true);

    const clicked = engagementRegion().getByText('Clicked email link').closest('li');
    expect(clicked?.textContent).not.toContain('may be automatic');
    expect(clicked?.querySelector('.cf-weak')).toBeNull();
    expect(clicked?.classList.contains('cf-event--weak')).toBe(false);
  });

  it('shows the older events once the background has added them', () => {
    const { push } = renderSidebar(withEngagement({ timeline: events.slice(0, 2), hasMore: true }));
    push(withEngagement({ timeline: events, hasMore: false }));
    expect(engagementRegion().getByText('Meeting')).toBeTruthy();
  });
});

describe('the engagement story at a glance', () => {
  it('shows the score rising, in words for screen readers too', () => {
    renderSidebar(withEngagement({ summary: { ...danaContext.engagement.summary, previousScore: 2.5 } }));
    const trend = engagementRegion().getByText('up from 2.5 two weeks ago');
    expect(trend.closest('.cf-trend')?.querySelector('[aria-hidden="true"]')?.textContent).toBe('▲');
  });

  it('shows the score falling', () => {
    renderSidebar(withEngagement({ summary: { ...danaContext.engagement.summary, previousScore: 9 } }));
    expect(engagementRegion().getByText('down from 9 two weeks ago')).toBeTruthy();
  });

  it('counts events per type, most first but opens last and marked as maybe automatic, and names the hottest topics', () => {
    renderSidebar(readyState());
    const items = within(engagementRegion().getByRole('list', { name: 'Engagement by type' })).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      '⤓Downloads: 2',
      '▶Webinars attended: 1',
      '✉Email opens: 4 (may be automatic)',
    ]);
    expect(items.map((item) => item.querySelector('.cf-weak') !== null)).toEqual([false, false, true]);
    expect(engagementRegion().getByText('cloud costs (4), finops (2)')).toBeTruthy();
  });

  it('says in the header when the lead was last touched', () => {
    renderSidebar(readyState());
    expect(screen.getByRole('banner').textContent).toContain('Last touched 3 days ago');
  });
});
