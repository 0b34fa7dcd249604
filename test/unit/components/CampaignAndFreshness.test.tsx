// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SidebarState } from '../../../lib/messages.ts';
import { danaContext, NOW, readyState } from './fixtures.ts';
import { renderSidebar } from './render.tsx';

afterEach(cleanup);

function campaignRegion() {
  return within(screen.getByRole('region', { name: 'Campaign' }));
}

describe('a lead in two active campaigns', () => {
  it('shows the current campaign first and the other one a click away', () => {
    renderSidebar(readyState());
    const current = campaignRegion().getByRole('button', { name: 'Q4 Cloud Savings' });
    expect(current.getAttribute('aria-pressed')).toBe('true');
    const other = campaignRegion().getByRole('button', { name: 'Also in: Always-on nurture' });
    expect(other.getAttribute('aria-pressed')).toBe('false');

    fireEvent.click(other);
    expect(campaignRegion().getByRole('heading', { level: 3, name: 'Run leaner on cloud' })).toBeTruthy();
    expect(campaignRegion().getByText('Monthly tips for finance leaders.')).toBeTruthy();
    expect(campaignRegion().queryByText('Cut cloud spend 30% before year end')).toBeNull();

    fireEvent.click(current);
    expect(
      campaignRegion().getByRole('heading', { level: 3, name: 'Cut cloud spend 30% before year end' }),
    ).toBeTruthy();
  });

  it('shows no picker for a lead in one campaign', () => {
    renderSidebar(readyState({ ...danaContext, otherCampaigns: [] }));
    expect(campaignRegion().queryByRole('group', { name: 'Campaigns this lead is in' })).toBeNull();
  });

  it('still shows the other campaigns when there is no current one', () => {
    renderSidebar(readyState({ ...danaContext, campaign: null }));
    expect(campaignRegion().getByRole('heading', { level: 3, name: 'Run leaner on cloud' })).toBeTruthy();
  });
});

describe('freshness', () => {
  const readyAt = (freshness: 'fresh' | 'refreshing' | 'stale', ageMs: number): SidebarState =>
    ({
      ...readyState(),
      fetchedAt: NOW - ageMs,
      freshness,
    }) as SidebarState;

  it('says the brief is an old copy when offline, and how old', () => {
    renderSidebar(readyAt('stale', 12 * 60_000));
    expect(screen.getByText('Offline — showing what we had 12 minutes ago')).toBeTruthy();
  });

  it('shows a quiet indicator while refreshing', () => {
    renderSidebar(readyAt('refreshing', 60_000));
    expect(screen.getByText('Refreshing…')).toBeTruthy();
    expect(screen.queryByText(/Offline/)).toBeNull();
  });

  it('shows nothing extra when fresh', () => {
    renderSidebar(readyAt('fresh', 60_000));
    expect(screen.queryByText(/Offline|Refreshing/)).toBeNull();
  });
});
