import type { EventType, LifecycleStage } from '../../lib/contract/index.ts';

/** Campaign dates are relative to seeding time, in days (negative = in the past). */
export interface DemoCampaign {
  key: string;
  name: string;
  status: 'draft' | 'active' | 'ended';
  startsInDays?: number;
  endsInDays?: number;
  message: { headline: string; pitch: string; proofPoints: string[]; cta?: { label: string; url: string } };
}

export const DEMO_CAMPAIGNS: readonly DemoCampaign[] = [
  {
    key: 'q4-cloud-savings',
    name: 'Q4 Cloud Savings',
    status: 'active',
    startsInDays: -45,
    endsInDays: 60,
    message: {
      headline: 'Cut cloud spend 30% before next year’s budget is set',
      pitch:
        'Most finance teams find a quarter of their cloud bill is idle capacity and unused commitments. Stratus maps every dollar to a team and a workload, then automates the rightsizing and commitment purchases your engineers never get to.',
      proofPoints: [
        'Customers save 28% on average in the first 90 days',
        'Live in two weeks: read-only access, no agents to install',
        'Globex Health cut $1.2M a year from its AWS bill',
      ],
      cta: { label: 'Book a 30-minute cost review', url: 'https://example.com/stratus/cost-review' },
    },
  },
  {
    key: 'platform-reliability',
    name: 'Platform Reliability',
    status: 'active',
    startsInDays: -20,
    endsInDays: 70,
    message: {
      headline: 'Fewer 3 a.m. pages, without over-provisioning',
      pitch:
        'Platform teams over-provision because they cannot see headroom. Stratus shows real utilisation per service next to its SLOs, so you scale down safely and get paged less.',
      proofPoints: [
        'Northwind-sized platforms run 35% leaner with no SLO misses',
        'SLO-aware rightsizing for Kubernetes, ECS and plain VMs',
        'Works with Datadog, Grafana and PagerDuty out of the box',
      ],
      cta: { label: 'See the SLO-aware rightsizing demo', url: 'https://example.com/stratus/slo-demo' },
    },
  },
  {
    key: 'finops-summit-roadshow',
    name: 'FinOps Summit Roadshow',
    status: 'active',
    startsInDays: -30,
    endsInDays: 14,
    message: {
      headline: 'Meet the Stratus team at the FinOps Summit',
      pitch:
        'A half-day of practitioner talks on unit economics and cloud commitments, in Chicago, London and Sydney. Bring your bill; leave with a savings plan.',
      proofPoints: ['Sessions led by FinOps Foundation practitioners', 'Free 1:1 bill reviews on site'],
      cta: { label: 'Save a seat', url: 'https://example.com/stratus/summit' },
    },
  },
  {
    key: 'always-on-nurture',
    name: 'Always-on Nurture',
    status: 'active',
    startsInDays: -200,
    message: {
      headline: 'Every cloud dollar, accounted for',
      pitch:
        'Stratus gives finance and engineering one shared view of cloud spend, so savings stop being a quarterly fire drill.',
      proofPoints: ['Trusted by 400+ engineering organisations', 'SOC 2 Type II and ISO 27001 certified'],
      cta: { label: 'Take the product tour', url: 'https://example.com/stratus/tour' },
    },
  },
  {
    key: 'compliance-without-chaos',
    name: 'Compliance Without the Chaos',
    status: 'ended',
    startsInDays: -150,
    endsInDays: -10,
    message: {
      headline: 'Audit-ready cost controls',
      pitch: 'Tagging policies and spend guardrails that satisfy auditors without slowing engineers down.',
      proofPoints: ['Policy packs for SOC 2, HIPAA and PCI'],
    },
  },
  {
    key: 'ai-workloads',
    name: 'AI Workloads on a Budget',
    status: 'draft',
    startsInDays: 21,
    endsInDays: 111,
    message: {
      headline: 'GPU spend is the new egress',
      pitch: 'See what every training run and inference endpoint costs, and stop paying for idle GPUs.',
      proofPoints: ['GPU utilisation by model, team and run'],
    },
  },
];

export interface DemoContent {
  id: string;
  title: string;
  topic: string;
  types: readonly EventType[];
  campaign?: string;
  personas: readonly string[];
}

const url = (id: string) => `https://example.com/stratus/resources/${id}`;
export const contentUrl = url;

export const DEMO_CONTENT: readonly DemoContent[] = [
  {
    id: 'cloud-playbook',
    title: 'Cloud Cost Playbook',
    topic: 'cost',
    types: ['content_download', 'page_view'],
    campaign: 'q4-cloud-savings',
    personas: ['Finance', 'Procurement', 'Executive', 'IT Ops'],
  },
  {
    id: 'finops-benchmark-2025',
    title: '2025 FinOps Benchmark Report',
    topic: 'cost',
    types: ['content_download'],
    campaign: 'q4-cloud-savings',
    personas: ['Finance', 'Executive', 'Procurement'],
  },
  {
    id: 'roi-calculator',
    title: 'Cloud ROI Calculator',
    topic: 'cost',
    types: ['form_submit', 'page_view'],
    campaign: 'q4-cloud-savings',
    personas: ['Finance', 'Procurement'],
  },
  {
    id: 'webinar-cut-egress',
    title: 'Webinar: Cutting Egress Costs',
    topic: 'cost',
    types: ['webinar_registered', 'webinar_attended'],
    campaign: 'q4-cloud-savings',
    personas: ['Finance', 'IT Ops', 'Engineering'],
  },
  {
    id: 'case-study-globex',
    title: 'Case study: Globex Health saves $1.2M',
    topic: 'cost',
    types: ['page_view', 'content_download'],
    campaign: 'q4-cloud-savings',
    personas: ['Finance', 'Executive', 'Security'],
  },
  {
    id: 'sre-handbook',
    title: 'The SRE On-Call Handbook',
    topic: 'reliability',
    types: ['content_download'],
    campaign: 'platform-reliability',
    personas: ['Engineering', 'IT Ops'],
  },
  {
    id: 'postmortem-template',
    title: 'Incident Postmortem Template',
    topic: 'reliability',
    types: ['content_download'],
    campaign: 'platform-reliability',
    personas: ['Engineering', 'IT Ops'],
  },
  {
    id: 'webinar-slo',
    title: 'Webinar: SLOs Your Execs Understand',
    topic: 'reliability',
    types: ['webinar_registered', 'webinar_attended'],
    campaign: 'platform-reliability',
    personas: ['Engineering', 'Executive', 'IT Ops'],
  },
  {
    id: 'rightsizing-guide',
    title: 'Rightsizing Kubernetes: A Field Guide',
    topic: 'kubernetes',
    types: ['content_download', 'page_view'],
    campaign: 'platform-reliability',
    personas: ['Engineering', 'IT Ops'],
  },
  {
    id: 'summit-chicago',
    title: 'FinOps Summit Chicago',
    topic: 'cost',
    types: ['webinar_registered', 'event_attended'],
    campaign: 'finops-summit-roadshow',
    personas: ['Finance', 'Executive', 'Engineering', 'Procurement'],
  },
  {
    id: 'soc2-checklist',
    title: 'SOC 2 Readiness Checklist',
    topic: 'security',
    types: ['content_download'],
    personas: ['Security', 'IT Ops'],
  },
  {
    id: 'ai-gpu-costs',
    title: 'What GPUs Really Cost AI Teams',
    topic: 'ai',
    types: ['page_view', 'content_download'],
    personas: ['Engineering', 'Executive'],
  },
  {
    id: 'pricing-page',
    title: 'Stratus pricing',
    topic: 'pricing',
    types: ['page_view'],
    personas: ['Finance', 'Procurement', 'Executive', 'Engineering', 'IT Ops', 'Security'],
  },
  {
    id: 'product-tour',
    title: 'Stratus product tour',
    topic: 'platform',
    types: ['page_view'],
    campaign: 'always-on-nurture',
    personas: ['Engineering', 'IT Ops', 'Security', 'Executive', 'Finance', 'Procurement'],
  },
];

/** Campaign emails: opens and clicks carry these as their content. */
export const DEMO_EMAILS: readonly { id: string; title: string; topic: string; campaign: string }[] = [
  { id: 'email-q4-savings-1', title: 'Your Q4 cloud bill, 30% lighter', topic: 'cost', campaign: 'q4-cloud-savings' },
  {
    id: 'email-q4-savings-2',
    title: 'Where a quarter of your cloud spend hides',
    topic: 'cost',
    campaign: 'q4-cloud-savings',
  },
  { id: 'email-reliability-1', title: 'Headroom you can see', topic: 'reliability', campaign: 'platform-reliability' },
  {
    id: 'email-summit-invite',
    title: 'You’re invited: FinOps Summit',
    topic: 'cost',
    campaign: 'finops-summit-roadshow',
  },
  {
    id: 'email-nurture-monthly',
    title: 'The Stratus monthly: cloud cost news',
    topic: 'cost',
    campaign: 'always-on-nurture',
  },
];

export interface DemoCompany {
  name: string;
  domain: string;
  industry: string;
  region: string;
}

export const DEMO_COMPANIES: readonly DemoCompany[] = [
  { name: 'Acme Robotics', domain: 'acme-robotics.com', industry: 'Manufacturing', region: 'NA' },
  { name: 'Northwind', domain: 'northwind.io', industry: 'Software', region: 'NA' },
  { name: 'Globex Health', domain: 'globexhealth.com', industry: 'Healthcare', region: 'NA' },
  { name: 'Initech Financial', domain: 'initech-financial.com', industry: 'Financial Services', region: 'NA' },
  { name: 'Umbrella Retail', domain: 'umbrella-retail.co.uk', industry: 'Retail', region: 'EMEA' },
  { name: 'Vandelay Logistics', domain: 'vandelay-logistics.de', industry: 'Logistics', region: 'EMEA' },
  { name: 'Nordlys Energy', domain: 'nordlys-energy.no', industry: 'Energy', region: 'EMEA' },
  { name: 'Hooli Media', domain: 'hooli-media.com', industry: 'Media', region: 'NA' },
  { name: 'Tyrell Biotech', domain: 'tyrellbio.sg', industry: 'Life Sciences', region: 'APAC' },
  { name: 'Kestrel Foods', domain: 'kestrelfoods.com.au', industry: 'Consumer Goods', region: 'APAC' },
  { name: 'Sakura Components', domain: 'sakura-components.jp', industry: 'Manufacturing', region: 'APAC' },
  { name: 'Brightline Bank', domain: 'brightlinebank.eu', industry: 'Financial Services', region: 'EMEA' },
];

export const DEMO_TITLES: Readonly<Record<string, readonly string[]>> = {
  Finance: ['CFO', 'VP Finance', 'FP&A Manager', 'Controller', 'Director of Finance'],
  Engineering: ['Head of Platform', 'Director of Engineering', 'Staff Engineer', 'SRE Lead'],
  'IT Ops': ['IT Operations Manager', 'Cloud Architect', 'Head of Infrastructure'],
  Security: ['CISO', 'Security Engineering Manager'],
  Executive: ['CTO', 'COO', 'VP Technology'],
  Procurement: ['Procurement Lead', 'Strategic Sourcing Manager'],
};

export const FIRST_NAMES = [
  'Alex',
  'Priya',
  'Marcus',
  'Sofia',
  'Kenji',
  'Amara',
  'Lukas',
  'Elena',
  'Omar',
  'Hannah',
  'Diego',
  'Mei',
  'Tom',
  'Aisha',
  'Jonas',
  'Chloe',
  'Ravi',
  'Ingrid',
  'Samuel',
  'Yuki',
  'Fatima',
  'Noah',
  'Grace',
  'Mateo',
];

export const LAST_NAMES = [
  'Nguyen',
  'Schmidt',
  'Okafor',
  'Rossi',
  'Tanaka',
  'Johansson',
  'Garcia',
  'Kowalski',
  'Haddad',
  'Murphy',
  'Chen',
  'Andersen',
  'Silva',
  'Kaur',
  'Dubois',
  'Fischer',
  'Mensah',
  'Lindqvist',
  'Park',
  'Moreau',
];

export const STAGES: readonly LifecycleStage[] = [
  'subscriber',
  'lead',
  'lead',
  'mql',
  'mql',
  'sql',
  'opportunity',
  'customer',
];
