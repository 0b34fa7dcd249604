// A lead as the endpoint would describe it mid-campaign: a finance VP at a logistics prospect who
// downloaded a playbook and attended a webinar. Times are relative to NOW so relative dates are stable.
import type { LeadContext } from '../../../lib/contract/lookup.ts';
import type { PageLead, SidebarState } from '../../../lib/messages.ts';

export const NOW = Date.parse('2026-11-20T12:00:00Z');

export const danaContext: LeadContext = {
  lead: {
    email: 'dana.whitfield@northwind-logistics.com',
    emailHash: '07c2d6c2e55eb8b0c908e3b08eb86bad18c55e0862393029dfd12d7331197297',
    name: 'Dana Whitfield',
    company: 'Northwind Logistics',
    title: 'VP Finance',
    lifecycleStage: 'mql',
    segments: { industry: 'Logistics', persona: 'Finance leader', region: 'EMEA' },
    crmRefs: [{ system: 'salesforce', objectType: 'Lead', id: '00Q5g00000AbCdEfG' }],
  },
  campaign: {
    key: 'q4-cloud-savings',
    name: 'Q4 Cloud Savings',
    endsAt: '2026-12-19T23:59:00Z',
    message: {
      headline: 'Cut cloud spend 30% before year end',
      pitch:
        'Finance teams in logistics are carrying idle capacity from peak season. Coalface Cloud right-sizes it in weeks, not quarters.',
      proofPoints: ['Maersk-size fleets saved 28% in 90 days', 'SOC 2 Type II and ISO 27001 certified'],
      cta: { label: 'Book a savings review', url: 'https://example.com/savings-review?utm_campaign=q4' },
    },
  },
  otherCampaigns: [
    {
      key: 'always-on-nurture',
      name: 'Always-on nurture',
      endsAt: null,
      message: { headline: 'Run leaner on cloud', pitch: 'Monthly tips for finance leaders.', proofPoints: [] },
    },
  ],
  engagement: {
    summary: {
      totalEvents: 7,
      score: 6.4375,
      countsByType: { content_download: 2, webinar_attended: 1, email_open: 4 },
      hottestTopics: [
        { topic: 'cloud costs', count: 4 },
        { topic: 'finops', count: 2 },
      ],
      lastTouchAt: '2026-11-17T09:15:00Z',
    },
    timeline: [
      {
        id: 'evt-301',
        type: 'content_download',
        occurredAt: '2026-11-17T09:15:00Z',
        content: {
          id: 'cloud-cost-playbook',
          title: 'Cloud Cost Playbook',
          url: 'https://example.com/content/cloud-cost-playbook',
          topic: 'cloud costs',
        },
        campaign: 'q4-cloud-savings',
      },
      {
        id: 'evt-288',
        type: 'webinar_attended',
        occurredAt: '2026-11-10T15:00:00Z',
        content: { id: 'finops-live-nov', title: 'FinOps Live: November', topic: 'finops' },
        campaign: 'q4-cloud-savings',
      },
      {
        id: 'evt-251',
        type: 'email_open',
        occurredAt: '2026-11-03T08:02:00Z',
        content: null,
        campaign: 'q4-cloud-savings',
      },
    ],
    hasMore: true,
  },
  talkingPoints: [
    {
      id: 'tp-idle-capacity',
      title: 'Idle capacity after peak season',
      body: 'Ask how much of the peak-season cluster is still running. Most logistics teams keep 40% of it into Q1.',
      campaign: 'q4-cloud-savings',
      score: 0.92,
      reasons: [
        { code: 'content', text: "Downloaded 'Cloud Cost Playbook' 3 days ago" },
        { code: 'campaign', text: 'In campaign Q4 Cloud Savings' },
      ],
    },
    {
      id: 'tp-budget-cycle',
      title: 'Budget cycle timing',
      body: 'Savings booked before 31 December land in this year’s numbers.',
      campaign: null,
      score: 0.61,
      reasons: [{ code: 'persona', text: 'Persona is Finance leader' }],
    },
  ],
  etag: 'W/"lead-dana-v42"',
  generatedAt: '2026-11-20T11:59:58Z',
};

export const danaOnPage: PageLead = { email: 'dana.whitfield@northwind-logistics.com', name: 'Dana Whitfield' };
export const samOnPage: PageLead = { email: 'sam.okafor@northwind-logistics.com', name: 'Sam Okafor' };

export function readyState(context: LeadContext = danaContext, leads: PageLead[] = [danaOnPage]): SidebarState {
  return { status: 'ready', leads, selected: 0, context, fetchedAt: NOW - 60_000 };
}
