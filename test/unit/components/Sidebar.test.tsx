// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Sidebar } from '../../../components/Sidebar.tsx';
import { LeadContext } from '../../../lib/contract/lookup.ts';
import type { SidebarIntent, SidebarState } from '../../../lib/messages.ts';
import { danaContext, danaOnPage, NOW, readyState, samOnPage } from './fixtures.ts';

afterEach(cleanup);

function renderSidebar(state: SidebarState | null, linked = true) {
  const onIntent = vi.fn<(intent: SidebarIntent) => void>();
  render(<Sidebar state={state} onIntent={onIntent} linked={linked} now={NOW} />);
  return { onIntent, main: screen.getByRole('main', { name: 'Coalface' }) };
}

describe('the fixture', () => {
  it('is a lead context the endpoint could really send', () => {
    expect(LeadContext.safeParse(danaContext).success).toBe(true);
  });
});

describe('Sidebar states', () => {
  it('not connected: says so and offers to open the options', () => {
    const { onIntent } = renderSidebar({ status: 'not_connected' });
    expect(screen.getByText('Not connected to a Coalface endpoint.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open options' }));
    expect(onIntent).toHaveBeenCalledWith({ type: 'open-options' });
  });

  it('no lead: says there is no lead on this page', () => {
    renderSidebar({ status: 'no_lead' });
    expect(screen.getByText('No lead on this page.')).toBeTruthy();
  });

  it('refused (a copy of the sidebar our dock did not open): a neutral pointer to the real button, no lead, no controls', () => {
    const { main } = renderSidebar({ status: 'refused' });
    expect(main.getAttribute('aria-busy')).toBe('false');
    expect(main.textContent).toContain('Open Coalface from its own button');
    expect(screen.queryAllByRole('heading')).toHaveLength(0);
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('loading: is marked busy and keeps the ready layout', () => {
    const { main } = renderSidebar({ status: 'loading', leads: [danaOnPage], selected: 0 });
    expect(main.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('heading', { level: 1, name: 'Dana Whitfield' })).toBeTruthy();
    for (const name of ['Campaign', 'Talking points', 'Engagement']) {
      expect(screen.getByRole('heading', { level: 2, name })).toBeTruthy();
    }
  });

  it('waiting for the first state: is marked busy', () => {
    const { main } = renderSidebar(null);
    expect(main.getAttribute('aria-busy')).toBe('true');
  });

  it('not found: names the address and invents nothing about the lead', () => {
    const { main } = renderSidebar({ status: 'not_found', leads: [danaOnPage], selected: 0 });
    expect(main.getAttribute('aria-busy')).toBe('false');
    expect(screen.getByText('dana.whitfield@northwind-logistics.com is not known to the endpoint yet.')).toBeTruthy();
    expect(screen.queryAllByRole('heading')).toHaveLength(0);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.queryByText(/campaign/i)).toBeNull();
  });

  it('error: shows the message, and Retry asks the background again', () => {
    const message =
      'The endpoint refused this token (401). Check the token in Options, or ask your admin for a new one.';
    const { onIntent } = renderSidebar({ status: 'error', leads: [danaOnPage], selected: 0, message });
    expect(screen.getByRole('alert').textContent).toBe(message);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onIntent).toHaveBeenCalledWith({ type: 'retry' });
  });

  it('shows that it is reconnecting while keeping the last state on screen', () => {
    renderSidebar(readyState(), false);
    expect(screen.getAllByRole('status').some((status) => /Reconnecting/.test(status.textContent ?? ''))).toBe(true);
    expect(screen.getByRole('heading', { level: 1, name: 'Dana Whitfield' })).toBeTruthy();
  });
});

describe('Sidebar ready', () => {
  it('shows who the lead is', () => {
    renderSidebar(readyState());
    expect(screen.getByRole('heading', { level: 1, name: 'Dana Whitfield' })).toBeTruthy();
    expect(screen.getByText('VP Finance at Northwind Logistics')).toBeTruthy();
    const chips = within(screen.getByRole('list', { name: 'Lead profile' })).getAllByRole('listitem');
    expect(chips.map((chip) => chip.textContent)).toEqual([
      'Lifecycle stage: MQL',
      'Industry: Logistics',
      'Persona: Finance leader',
      'Region: EMEA',
    ]);
  });

  it('shows the current campaign message with a safe call to action', () => {
    renderSidebar(readyState());
    const campaign = screen.getByRole('region', { name: 'Campaign' });
    expect(
      within(campaign).getByRole('heading', { level: 3, name: 'Cut cloud spend 30% before year end' }),
    ).toBeTruthy();
    expect(within(campaign).getByText(/^until /)).toBeTruthy();
    expect(within(campaign).getByText('SOC 2 Type II and ISO 27001 certified')).toBeTruthy();
    const cta = within(campaign).getByRole('link', { name: 'Book a savings review (opens in a new tab)' });
    expect(cta.getAttribute('href')).toBe('https://example.com/savings-review?utm_campaign=q4');
    expect(cta.getAttribute('target')).toBe('_blank');
    expect(cta.getAttribute('rel')).toBe('noopener noreferrer');
    expect(within(campaign).getByRole('button', { name: 'Also in: Always-on nurture' })).toBeTruthy();
  });

  it('ranks talking points and says why each one was suggested', () => {
    renderSidebar(readyState());
    const points = within(screen.getByRole('region', { name: 'Talking points' }));
    const titles = points.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent);
    expect(titles).toEqual(['Idle capacity after peak season', 'Budget cycle timing']);
    expect(points.getAllByText('Why:')).toHaveLength(2);
    expect(points.getByText("Downloaded 'Cloud Cost Playbook' 3 days ago")).toBeTruthy();
    expect(points.getByText('In campaign Q4 Cloud Savings')).toBeTruthy();
  });

  it('summarises engagement and links only content that has an http(s) address', () => {
    renderSidebar(readyState());
    const engagement = within(screen.getByRole('region', { name: 'Engagement' }));
    expect(engagement.getByText('3 days ago')).toBeTruthy();
    expect(engagement.getByText('6.4')).toBeTruthy();
    const events = engagement
      .getByRole('list', { name: 'Engagement events, newest first' })
      .querySelectorAll('.cf-event');
    expect(Array.from(events, (event) => event.querySelector('p')?.textContent)).toEqual([
      'Downloaded Cloud Cost Playbook (opens in a new tab)',
      'Attended webinar FinOps Live: November',
      'Opened email (may be automatic)',
    ]);
    const link = engagement.getByRole('link', { name: 'Cloud Cost Playbook (opens in a new tab)' });
    expect(link.getAttribute('href')).toBe('https://example.com/content/cloud-cost-playbook');
    expect(engagement.queryByRole('link', { name: /FinOps Live/ })).toBeNull();
    expect(engagement.getByRole('button', { name: 'Show more' })).toBeTruthy();
  });

  it('never turns a javascript: address into a link', () => {
    const hostile: typeof danaContext = {
      ...danaContext,
      campaign: danaContext.campaign && {
        ...danaContext.campaign,
        message: { ...danaContext.campaign.message, cta: { label: 'Claim now', url: 'javascript:alert(1)' } },
      },
      engagement: {
        ...danaContext.engagement,
        timeline: [
          {
            id: 'evt-x',
            type: 'page_view',
            occurredAt: '2026-11-19T10:00:00Z',
            content: { id: 'x', title: 'Pricing', url: 'javascript:alert(1)' },
            campaign: null,
          },
        ],
      },
    };
    renderSidebar(readyState(hostile));
    expect(screen.queryByText('Claim now')).toBeNull();
    expect(screen.getByText('Pricing').tagName).not.toBe('A');
    expect(screen.queryAllByRole('link')).toHaveLength(0);
  });

  it('renders markup in endpoint text as text', () => {
    const markup = '<img src=x onerror=alert(1)>';
    const [first] = danaContext.talkingPoints;
    if (!first) throw new Error('fixture needs a talking point');
    const { main } = renderSidebar(readyState({ ...danaContext, talkingPoints: [{ ...first, body: markup }] }));
    expect(screen.getByText(markup)).toBeTruthy();
    expect(main.querySelector('img')).toBeNull();
  });
});

describe('lead switcher', () => {
  it('is hidden when the page shows one lead', () => {
    renderSidebar(readyState());
    expect(screen.queryByLabelText('Lead on this page')).toBeNull();
  });

  it('lists every lead on the page and asks for the one picked', () => {
    const { onIntent } = renderSidebar(readyState(danaContext, [danaOnPage, samOnPage]));
    const switcher = screen.getByLabelText('Lead on this page') as HTMLSelectElement;
    const options = within(switcher).getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual([
      'Dana Whitfield · dana.whitfield@northwind-logistics.com',
      'Sam Okafor · sam.okafor@northwind-logistics.com',
    ]);
    fireEvent.change(switcher, { target: { value: '1' } });
    expect(onIntent).toHaveBeenCalledWith({ type: 'select-lead', index: 1 });
  });

  it('stays on screen while the picked lead loads', () => {
    renderSidebar({ status: 'loading', leads: [danaOnPage, samOnPage], selected: 1 });
    expect((screen.getByLabelText('Lead on this page') as HTMLSelectElement).value).toBe('1');
    expect(screen.getByRole('heading', { level: 1, name: 'Sam Okafor' })).toBeTruthy();
  });
});
