import type { EngagementEventInput, LeadInput } from '../../lib/contract/index.ts';
import { salesforce18 } from '../../server/domain/crm.ts';

/**
 * What a marketing-automation sync really sends, so body limits are sized against it: every lead
 * with name, company, title, stage, three segments, a Salesforce and a HubSpot reference and a few
 * campaigns; every event with its content (title, URL, topic) and campaign.
 */
const FIRST = ['Dana', 'Alexandra', 'Jonathan', 'Priya', 'Maximilian', 'Sofia', 'Oluwaseun', 'Kristina'];
const LAST = ['Lee', 'Fitzgerald-Moore', 'Nakamura', 'Venkataraman', 'Schneider', 'Rodriguez', 'Okafor'];
const COMPANIES = ['Acme Robotics', 'Northwind Logistics International', 'Globex Financial Services', 'Initech'];
const TITLES = ['VP Finance', 'Senior Director of Cloud Infrastructure', 'Head of Procurement', 'CFO'];
const INDUSTRIES = ['Manufacturing', 'Financial Services', 'Logistics', 'Software'];
const PERSONAS = ['Finance', 'IT Operations', 'Procurement', 'Executive'];
const REGIONS = ['NA', 'EMEA', 'APAC'];
const CAMPAIGNS = ['q4-cloud-savings-2026', 'finops-webinar-series', 'partner-summit-emea', 'renewal-nurture'];
const STAGES = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer'] as const;
const TYPES = ['email_open', 'email_click', 'page_view', 'content_download', 'webinar_attended'] as const;

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

function addressOf(i: number): string {
  const company = pick(COMPANIES, i >> 2)
    .toLowerCase()
    .replace(/[^a-z]+/g, '-');
  return `${pick(FIRST, i).toLowerCase()}.${pick(LAST, i >> 1).toLowerCase()}${i}@${company}.com`;
}

export function realisticLeads(count: number): LeadInput[] {
  return Array.from({ length: count }, (_, i) => ({
    email: addressOf(i),
    name: `${pick(FIRST, i)} ${pick(LAST, i >> 1)}`,
    company: pick(COMPANIES, i >> 2),
    title: pick(TITLES, i >> 3),
    lifecycleStage: pick(STAGES, i),
    lifecycleStageChangedAt: new Date(Date.UTC(2026, 10, 1 + (i % 28), 9, 30)).toISOString(),
    segments: { industry: pick(INDUSTRIES, i), persona: pick(PERSONAS, i >> 1), region: pick(REGIONS, i) },
    crmRefs: [
      { system: 'salesforce', objectType: 'Lead', id: salesforce18(`00Q5g${String(i).padStart(10, '0')}`) },
      { system: 'hubspot', objectType: 'contact', id: String(51_000_000 + i) },
    ],
    campaigns: [pick(CAMPAIGNS, i), pick(CAMPAIGNS, i + 1), pick(CAMPAIGNS, i + 2)],
  }));
}

export function realisticEvents(count: number): EngagementEventInput[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `mkto-activity-${1_000_000_000 + i}`,
    email: addressOf(i >> 2),
    type: pick(TYPES, i),
    occurredAt: new Date(Date.UTC(2026, 10, 1 + (i % 28), i % 24, i % 60)).toISOString(),
    campaign: pick(CAMPAIGNS, i),
    content: {
      id: `asset-${i % 40}`,
      title: `The Cloud Cost Playbook, chapter ${i % 40}: finding idle capacity`,
      url: `https://www.example.com/resources/cloud-cost-playbook/chapter-${i % 40}?utm_source=newsletter`,
      topic: 'cloud cost',
    },
  }));
}
