import type { EventType, FeedbackReason, FeedbackTarget, LifecycleStage } from '../../lib/contract/index.ts';

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

/** The reps whose use of points and verdicts make up the demo's eight weeks of history. */
export interface DemoRep {
  email: string;
  name: string;
}

export const DEMO_REPS: readonly DemoRep[] = [
  { email: 'jordan.reyes@stratus.example', name: 'Jordan Reyes' },
  { email: 'mia.kowalczyk@stratus.example', name: 'Mia Kowalczyk' },
  { email: 'sam.oduya@stratus.example', name: 'Sam Oduya' },
  { email: 'lena.brandt@stratus.example', name: 'Lena Brandt' },
  { email: 'kai.nakamura@stratus.example', name: 'Kai Nakamura' },
];

/**
 * How a lead's stage moved after a rep used the target with it: `forward`, the use came days before
 * an advance; `behind`, the lead sat still for the next two weeks; `unclear`, any time at all.
 */
export type MoveEffect = 'forward' | 'unclear' | 'behind';

/** One target's eight weeks: how many leads reps used it with, how that went, and what they said. */
export interface DemoStory {
  target: FeedbackTarget;
  usedLeads: number;
  effect: MoveEffect;
  /** Share of its verdicts that are "landed". */
  landRate: number;
  /** Why it did not land, drawn in turn. */
  reasons: readonly FeedbackReason[];
  notes: { landed: readonly string[]; didntLand: readonly string[] };
}

const NO_NOTES = { landed: [], didntLand: [] } as const;

const point = (id: string) => ({ kind: 'talkingPoint' as const, id });
const message = (key: string) => ({ kind: 'campaignMessage' as const, id: key });

export const DEMO_STORIES: readonly DemoStory[] = [
  {
    target: point('tp_demo_demo_request'),
    usedLeads: 46,
    effect: 'forward',
    landRate: 0.86,
    reasons: ['tone'],
    notes: {
      landed: [
        'Booked for Thursday; their platform lead is joining too.',
        'Offered two slots, they took the first one the same day.',
        'Finance and platform on one call, as suggested. Proposal next week.',
      ],
      didntLand: ['Felt pushy two days after the request; they wanted to read up first.'],
    },
  },
  {
    target: point('tp_demo_cloud_playbook'),
    usedLeads: 40,
    effect: 'forward',
    landRate: 0.8,
    reasons: ['not_relevant', 'wrong_persona'],
    notes: {
      landed: [
        'They had tried rightsizing and stalled on commitments, exactly as the point says. Cost review booked.',
        'Mapped two of the five levers to their bill on the call; they want the other three.',
        'Opened with the playbook question; she forwarded it to her FP&A lead.',
      ],
      didntLand: ['Downloaded it for a class, not for work.', 'Wrong person: procurement only buys, never reads.'],
    },
  },
  {
    target: point('tp_demo_slo_story'),
    usedLeads: 32,
    effect: 'forward',
    landRate: 0.75,
    reasons: ['wrong_persona', 'not_relevant'],
    notes: {
      landed: [
        'Their checkout service pages them nightly and runs at 15% CPU. Scan scheduled.',
        'The webinar question got him talking for twenty minutes about on-call.',
      ],
      didntLand: ['He manages the budget, not the pager. Asked for the finance version.'],
    },
  },
  {
    target: point('tp_demo_benchmark'),
    usedLeads: 30,
    effect: 'behind',
    landRate: 0.3,
    reasons: ['tone', 'not_relevant', 'competitor'],
    notes: {
      landed: ['She guessed 8%, the benchmark says 27%: that got her attention.'],
      didntLand: [
        'Came across as lecturing. They already run FinOps reviews monthly.',
        'They quoted a competitor benchmark with lower numbers and stopped listening.',
        'Asked where the 27% comes from; I could not say. We need the methodology.',
        'Second time this week a CFO called the waste figure a sales number.',
      ],
    },
  },
  {
    target: point('tp_demo_apac_launch'),
    usedLeads: 14,
    effect: 'unclear',
    landRate: 0.2,
    reasons: ['outdated', 'pricing'],
    notes: {
      landed: ['Half price for three months got them to start a pilot in Sydney.'],
      didntLand: [
        'Launch offer had already ended by the time they were ready.',
        'They wanted the discount on the whole contract, not three months.',
        'Outdated: the Sydney region has been live for weeks, nobody calls it a launch now.',
      ],
    },
  },
  {
    target: point('tp_demo_old_discount'),
    usedLeads: 9,
    effect: 'unclear',
    landRate: 0.1,
    reasons: ['outdated', 'pricing'],
    notes: {
      landed: [],
      didntLand: [
        'The annual discount ended last quarter; the customer knew before I did.',
        'Outdated offer, had to walk it back on the call.',
      ],
    },
  },
  {
    target: point('tp_demo_budget_reset'),
    usedLeads: 22,
    effect: 'unclear',
    landRate: 0.65,
    reasons: ['not_relevant', 'other'],
    notes: {
      landed: ['Their budget locks on 15 January; estimate promised for the 8th.'],
      didntLand: ['Their fiscal year starts in April, so January means nothing to them.'],
    },
  },
  {
    target: point('tp_demo_egress'),
    usedLeads: 18,
    effect: 'unclear',
    landRate: 0.6,
    reasons: ['not_relevant'],
    notes: {
      landed: ['Nobody owns egress there either. They want the attribution demo.'],
      didntLand: ['They run everything in one region; egress is tiny.'],
    },
  },
  {
    target: point('tp_demo_k8s'),
    usedLeads: 20,
    effect: 'unclear',
    landRate: 0.55,
    reasons: ['competitor', 'not_relevant'],
    notes: {
      landed: ['Read-only scan agreed for their staging cluster.'],
      didntLand: ['They already use a competitor for Kubernetes cost allocation.'],
    },
  },
  {
    target: point('tp_demo_pricing'),
    usedLeads: 24,
    effect: 'unclear',
    landRate: 0.5,
    reasons: ['pricing', 'tone'],
    notes: {
      landed: ['They buy through the AWS marketplace; that changes the quote.'],
      didntLand: ['They wanted a number, not questions about how they buy.'],
    },
  },
  {
    target: point('tp_demo_their_numbers'),
    usedLeads: 16,
    effect: 'unclear',
    landRate: 0.7,
    reasons: ['other'],
    notes: { landed: ['Got a month of their bill within a day of asking.'], didntLand: [] },
  },
  {
    target: point('tp_demo_oncall'),
    usedLeads: 12,
    effect: 'unclear',
    landRate: 0.6,
    reasons: ['tone'],
    notes: NO_NOTES,
  },
  {
    target: point('tp_demo_board_framing'),
    usedLeads: 8,
    effect: 'unclear',
    landRate: 0.6,
    reasons: ['wrong_persona'],
    notes: NO_NOTES,
  },
  {
    target: point('tp_demo_roi'),
    usedLeads: 10,
    effect: 'unclear',
    landRate: 0.7,
    reasons: ['pricing'],
    notes: NO_NOTES,
  },
  {
    target: point('tp_demo_finserv'),
    usedLeads: 7,
    effect: 'unclear',
    landRate: 0.7,
    reasons: ['not_relevant'],
    notes: NO_NOTES,
  },
  {
    target: message('q4-cloud-savings'),
    usedLeads: 28,
    effect: 'unclear',
    landRate: 0.7,
    reasons: ['pricing', 'outdated'],
    notes: {
      landed: ['The 30% headline opened the door with their CFO.'],
      didntLand: ['“Before next year’s budget is set”: theirs was set in October.'],
    },
  },
  {
    target: message('platform-reliability'),
    usedLeads: 20,
    effect: 'unclear',
    landRate: 0.75,
    reasons: ['not_relevant'],
    notes: { landed: ['“Fewer 3 a.m. pages” got a laugh and a meeting.'], didntLand: [] },
  },
  {
    target: message('finops-summit-roadshow'),
    usedLeads: 12,
    effect: 'unclear',
    landRate: 0.5,
    reasons: ['not_relevant', 'other'],
    notes: { landed: [], didntLand: ['No travel budget this quarter.'] },
  },
];
