import {
  type BatchResult,
  CampaignInput,
  type EngagementEventInput,
  type EventType,
  LeadInput,
  type Role,
  TalkingPointInput,
} from '../../lib/contract/index.ts';
import { DAY_MS } from '../domain/time.ts';
import { ingestEvents, ingestLeads } from '../import/ingest.ts';
import type { Stores } from '../store/index.ts';
import {
  contentUrl,
  DEMO_CAMPAIGNS,
  DEMO_COMPANIES,
  DEMO_CONTENT,
  DEMO_EMAILS,
  DEMO_TITLES,
  FIRST_NAMES,
  LAST_NAMES,
  STAGES,
} from './demo-data.ts';
import { seedFunnel, seedStageHistory } from './demo-funnel.ts';
import { seedDemoHistory } from './demo-history.ts';
import { createRandom, type Random } from './prng.ts';

export const DEMO_SEED = 20_251_126;
/** Leads beyond the first 48, from their own random stream so the first ones stay as they were. */
const MORE_LEADS = 150;
const HOUR_MS = 3_600_000;

export interface SeedSummary {
  campaigns: number;
  leads: number;
  events: number;
  talkingPoints: number;
  /** Uses of points and campaign messages, and verdicts, over the last eight weeks (0 when already seeded). */
  usage: number;
  verdicts: number;
}

/** A fixed event: `ago` is how long before seeding it happened, in days (fractions allowed). */
export interface FixedEvent {
  type: EventType;
  ago: number;
  content?: string;
  campaign?: string;
}

/** Leads the end-to-end tests rely on; keep them as they are. The first is the story `seed --demo --as` copies. */
export const FIXED_LEADS: readonly { lead: LeadInput; events: readonly FixedEvent[] }[] = [
  {
    lead: {
      email: 'dana.lee@acme-robotics.com',
      name: 'Dana Lee',
      company: 'Acme Robotics',
      title: 'VP Finance',
      lifecycleStage: 'mql',
      segments: { industry: 'Manufacturing', persona: 'Finance', region: 'NA' },
      crmRefs: [{ system: 'salesforce', objectType: 'Lead', id: '00Q5e00000AcmDLEAZ' }],
      campaigns: ['q4-cloud-savings', 'always-on-nurture'],
    },
    events: [
      { type: 'page_view', ago: 1.2, content: 'pricing-page' },
      { type: 'content_download', ago: 2.1, content: 'cloud-playbook', campaign: 'q4-cloud-savings' },
      { type: 'email_click', ago: 2.15, content: 'email-q4-savings-2', campaign: 'q4-cloud-savings' },
      { type: 'email_open', ago: 2.2, content: 'email-q4-savings-2', campaign: 'q4-cloud-savings' },
      { type: 'webinar_registered', ago: 6, content: 'webinar-cut-egress', campaign: 'q4-cloud-savings' },
      { type: 'page_view', ago: 9, content: 'case-study-globex', campaign: 'q4-cloud-savings' },
      { type: 'email_open', ago: 16, content: 'email-q4-savings-1', campaign: 'q4-cloud-savings' },
      { type: 'content_download', ago: 24, content: 'finops-benchmark-2025', campaign: 'q4-cloud-savings' },
      { type: 'email_open', ago: 40, content: 'email-nurture-monthly', campaign: 'always-on-nurture' },
      { type: 'page_view', ago: 55, content: 'product-tour', campaign: 'always-on-nurture' },
    ],
  },
  {
    lead: {
      email: 'raj.patel@northwind.io',
      name: 'Raj Patel',
      company: 'Northwind',
      title: 'Head of Platform',
      lifecycleStage: 'sql',
      segments: { industry: 'Software', persona: 'Engineering', region: 'NA' },
      crmRefs: [{ system: 'hubspot', objectType: 'contact', id: '51230001' }],
      campaigns: ['platform-reliability', 'always-on-nurture'],
    },
    events: [
      { type: 'page_view', ago: 1, content: 'pricing-page' },
      { type: 'webinar_attended', ago: 3, content: 'webinar-slo', campaign: 'platform-reliability' },
      { type: 'demo_request', ago: 5 },
      { type: 'content_download', ago: 8, content: 'sre-handbook', campaign: 'platform-reliability' },
      { type: 'webinar_registered', ago: 10, content: 'webinar-slo', campaign: 'platform-reliability' },
      { type: 'email_click', ago: 11, content: 'email-reliability-1', campaign: 'platform-reliability' },
      { type: 'content_download', ago: 20, content: 'rightsizing-guide', campaign: 'platform-reliability' },
      { type: 'email_open', ago: 47, content: 'email-nurture-monthly', campaign: 'always-on-nurture' },
    ],
  },
];

const DEMO_POINTS: readonly (TalkingPointInput & { id: string })[] = [
  {
    id: 'tp_demo_cloud_playbook',
    campaign: 'q4-cloud-savings',
    title: 'Follow up on the Cloud Cost Playbook',
    body: 'They downloaded the playbook. Ask which of its five savings levers they have tried: most teams start with rightsizing and stall on commitments. Offer a 30-minute cost review that maps the playbook to their own bill.',
    status: 'live',
    priority: 4,
    audience: {
      personas: ['Finance', 'Procurement', 'Executive', 'IT Ops'],
      industries: [],
      regions: [],
      lifecycleStages: [],
    },
    triggers: { contentIds: ['cloud-playbook'], topics: [], eventTypes: [] },
  },
  {
    id: 'tp_demo_budget_reset',
    campaign: 'q4-cloud-savings',
    title: 'Budgets reset in January',
    body: 'Savings found before the budget is set are savings finance keeps. Ask when next year’s cloud budget gets locked and offer to have a savings estimate ready a week before.',
    status: 'live',
    priority: 3,
    audience: { personas: ['Finance'], industries: [], regions: [], lifecycleStages: ['mql', 'sql', 'opportunity'] },
    triggers: { contentIds: [], topics: ['cost'], eventTypes: [] },
  },
  {
    id: 'tp_demo_benchmark',
    campaign: 'q4-cloud-savings',
    title: 'Compare them to the FinOps benchmark',
    body: 'The benchmark puts median waste at 27% of spend. Ask where they think they sit; most guess under 10%. Offer to measure it for free.',
    status: 'live',
    priority: 3,
    audience: { personas: [], industries: [], regions: [], lifecycleStages: [] },
    triggers: { contentIds: ['finops-benchmark-2025'], topics: [], eventTypes: [] },
  },
  {
    id: 'tp_demo_egress',
    campaign: 'q4-cloud-savings',
    title: 'Egress is the hidden line item',
    body: 'Data transfer is often 10–15% of the bill and nobody owns it. Ask who signs off on egress today, then show how Stratus attributes it to services.',
    status: 'live',
    priority: 3,
    audience: { personas: [], industries: [], regions: [], lifecycleStages: [] },
    triggers: { contentIds: ['webinar-cut-egress'], topics: [], eventTypes: [] },
  },
  {
    id: 'tp_demo_roi',
    campaign: 'q4-cloud-savings',
    title: 'Walk through the ROI calculator together',
    body: 'They ran the ROI calculator. Offer to go through their inputs on a call: the default utilisation figure is conservative, and their real number usually doubles the estimate.',
    status: 'live',
    priority: 3,
    audience: { personas: [], industries: [], regions: [], lifecycleStages: [] },
    triggers: { contentIds: ['roi-calculator'], topics: [], eventTypes: ['form_submit'] },
  },
  {
    id: 'tp_demo_board_framing',
    campaign: 'q4-cloud-savings',
    title: 'Frame it for the board',
    body: 'Executives care about gross margin, not instance types. Lead with cloud cost as a share of revenue and what a 5-point improvement is worth.',
    status: 'live',
    priority: 3,
    audience: { personas: ['Executive'], industries: [], regions: [], lifecycleStages: [] },
    triggers: { contentIds: [], topics: [], eventTypes: [] },
  },
  {
    id: 'tp_demo_slo_story',
    campaign: 'platform-reliability',
    title: 'Open with their SLO story',
    body: 'They came to the SLO webinar. Ask which service pages them most and whether it is over-provisioned "just in case"; that is where SLO-aware rightsizing pays first.',
    status: 'live',
    priority: 4,
    audience: { personas: ['Engineering', 'IT Ops'], industries: [], regions: [], lifecycleStages: [] },
    triggers: { contentIds: ['webinar-slo'], topics: [], eventTypes: ['webinar_attended'] },
  },
  {
    id: 'tp_demo_oncall',
    campaign: 'platform-reliability',
    title: 'On-call fatigue is a cost too',
    body: 'Ask how many pages the platform team took last month. Headroom they can see means fewer false alarms and fewer emergency scale-ups.',
    status: 'live',
    priority: 3,
    audience: { personas: ['Engineering', 'IT Ops'], industries: [], regions: [], lifecycleStages: [] },
    triggers: { contentIds: ['sre-handbook', 'postmortem-template'], topics: ['reliability'], eventTypes: [] },
  },
  {
    id: 'tp_demo_k8s',
    campaign: 'platform-reliability',
    title: 'Kubernetes requests are guesses',
    body: 'Most pods request two to three times what they use. Offer a read-only scan of one cluster; it takes an afternoon and the numbers sell themselves.',
    status: 'live',
    priority: 3,
    audience: { personas: [], industries: [], regions: [], lifecycleStages: [] },
    triggers: { contentIds: ['rightsizing-guide'], topics: ['kubernetes'], eventTypes: [] },
  },
  {
    id: 'tp_demo_demo_request',
    title: 'They asked for a demo: book it this week',
    body: 'Demo requests go cold in days. Offer two slots this week and ask who else should join; finance plus platform on the same call shortens the deal.',
    status: 'live',
    priority: 5,
    audience: { personas: [], industries: [], regions: [], lifecycleStages: [] },
    triggers: { contentIds: [], topics: [], eventTypes: ['demo_request', 'trial_signup'] },
  },
  {
    id: 'tp_demo_pricing',
    title: 'Pricing page visits mean budget talk',
    body: 'They looked at pricing. Ask how they buy software like this (annual, usage-based, through a marketplace) before quoting anything.',
    status: 'live',
    priority: 3,
    audience: { personas: [], industries: [], regions: [], lifecycleStages: [] },
    triggers: { contentIds: ['pricing-page'], topics: [], eventTypes: [] },
  },
  {
    id: 'tp_demo_summit_chicago',
    campaign: 'finops-summit-roadshow',
    title: 'Invite them to the Chicago summit',
    body: 'Seats for the Chicago stop are limited. Offer a reserved seat and a 1:1 bill review slot on the day.',
    status: 'live',
    priority: 3,
    audience: { personas: [], industries: [], regions: ['NA'], lifecycleStages: [] },
    triggers: { contentIds: [], topics: ['cost'], eventTypes: [] },
  },
  {
    id: 'tp_demo_summit_london',
    campaign: 'finops-summit-roadshow',
    title: 'Invite them to the London summit',
    body: 'The London stop includes a session on EU data-residency costs. Offer a reserved seat.',
    status: 'live',
    priority: 3,
    audience: { personas: [], industries: [], regions: ['EMEA'], lifecycleStages: [] },
    triggers: { contentIds: [], topics: ['cost'], eventTypes: [] },
  },
  {
    id: 'tp_demo_summit_followup',
    campaign: 'finops-summit-roadshow',
    title: 'Follow up on the summit',
    body: 'Ask which session stuck with them, then offer the speaker’s slides and a follow-up bill review.',
    status: 'live',
    priority: 4,
    audience: { personas: [], industries: [], regions: [], lifecycleStages: [] },
    triggers: { contentIds: ['summit-chicago'], topics: [], eventTypes: ['event_attended'] },
  },
  {
    id: 'tp_demo_healthcare',
    title: 'HIPAA-ready cost reporting',
    body: 'Healthcare teams need cost reports that never touch patient data. Stratus reads billing and metrics only; mention the signed BAA.',
    status: 'live',
    priority: 3,
    audience: { personas: [], industries: ['Healthcare', 'Life Sciences'], regions: [], lifecycleStages: [] },
    triggers: { contentIds: [], topics: [], eventTypes: [] },
  },
  {
    id: 'tp_demo_finserv',
    title: 'Chargeback for regulated teams',
    body: 'Banks and insurers allocate cloud cost to business lines for regulators. Show the chargeback export and the audit trail behind each number.',
    status: 'live',
    priority: 3,
    audience: { personas: [], industries: ['Financial Services'], regions: [], lifecycleStages: [] },
    triggers: { contentIds: [], topics: [], eventTypes: [] },
  },
  {
    id: 'tp_demo_expansion',
    title: 'Show savings to date',
    body: 'For customers, open with what Stratus has saved them so far (it is on their dashboard) before talking about new teams.',
    status: 'live',
    priority: 3,
    audience: { personas: [], industries: [], regions: [], lifecycleStages: ['customer'] },
    triggers: { contentIds: [], topics: [], eventTypes: [] },
  },
  {
    id: 'tp_demo_their_numbers',
    title: 'Lead with their numbers, not ours',
    body: 'Ask for one month of their bill before pitching anything. A savings estimate on their own data beats any case study.',
    status: 'live',
    priority: 2,
    audience: { personas: [], industries: [], regions: [], lifecycleStages: [] },
    triggers: { contentIds: [], topics: [], eventTypes: [] },
  },
  {
    id: 'tp_demo_apac_launch',
    title: 'Sydney region launch offer',
    body: 'Launch pricing for the Sydney region: first three months at half price.',
    status: 'live',
    priority: 4,
    audience: { personas: [], industries: [], regions: ['APAC'], lifecycleStages: [] },
    triggers: { contentIds: [], topics: [], eventTypes: [] },
  },
  {
    id: 'tp_demo_gpu',
    campaign: 'ai-workloads',
    title: 'GPU spend is the new egress',
    body: 'Ask who owns GPU spend. Usually nobody, and idle reserved GPUs are the fastest-growing waste we see.',
    status: 'draft',
    priority: 3,
    audience: { personas: ['Engineering', 'Executive'], industries: [], regions: [], lifecycleStages: [] },
    triggers: { contentIds: ['ai-gpu-costs'], topics: ['ai'], eventTypes: [] },
  },
  {
    id: 'tp_demo_q1_preview',
    title: 'Q1 pricing preview',
    body: 'Draft: new committed-use tiers for Q1. Not ready for customers yet.',
    status: 'draft',
    priority: 5,
    audience: { personas: [], industries: [], regions: [], lifecycleStages: [] },
    triggers: { contentIds: [], topics: ['pricing'], eventTypes: [] },
  },
  {
    id: 'tp_demo_soc2',
    campaign: 'compliance-without-chaos',
    title: 'SOC 2 guardrails',
    body: 'Retired with the compliance campaign.',
    status: 'retired',
    priority: 3,
    audience: { personas: ['Security'], industries: [], regions: [], lifecycleStages: [] },
    triggers: { contentIds: ['soc2-checklist'], topics: ['security'], eventTypes: [] },
  },
  {
    id: 'tp_demo_old_discount',
    title: '20% off annual plans',
    body: 'Retired: the annual discount ended last quarter.',
    status: 'retired',
    priority: 4,
    audience: { personas: [], industries: [], regions: [], lifecycleStages: [] },
    triggers: { contentIds: ['pricing-page'], topics: [], eventTypes: [] },
  },
];

/** Validity windows, relative to seeding time in days. */
const POINT_WINDOWS: Readonly<Record<string, { from: number; to: number }>> = {
  tp_demo_apac_launch: { from: -60, to: -5 },
};

const contentById = new Map(DEMO_CONTENT.map((c) => [c.id, c]));
const emailById = new Map(DEMO_EMAILS.map((e) => [e.id, e]));

function contentFor(id: string) {
  const content = contentById.get(id);
  if (content) return { id, title: content.title, url: contentUrl(id), topic: content.topic };
  const email = emailById.get(id);
  if (email) return { id, title: email.title, topic: email.topic };
  throw new Error(`demo content ${id} is not in the catalogue`);
}

function generatedLeads(random: Random, count: number, used: Set<string>): LeadInput[] {
  const leads: LeadInput[] = [];
  const personas = Object.keys(DEMO_TITLES);
  for (let i = 0; leads.length < count; i++) {
    const company = DEMO_COMPANIES[i % DEMO_COMPANIES.length];
    if (!company) continue;
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const email = `${first}.${last}@${company.domain}`.toLowerCase();
    if (used.has(email)) continue;
    used.add(email);
    const persona = random.pick(personas);
    const campaigns = ['always-on-nurture'];
    if (['Finance', 'Procurement', 'Executive'].includes(persona) && random.chance(0.8))
      campaigns.push('q4-cloud-savings');
    if (['Engineering', 'IT Ops'].includes(persona) && random.chance(0.8)) campaigns.push('platform-reliability');
    if (random.chance(0.3)) campaigns.push('finops-summit-roadshow');
    if (random.chance(0.1)) campaigns.push('compliance-without-chaos');
    const crm = random.next();
    leads.push({
      email,
      name: `${first} ${last}`,
      company: company.name,
      title: random.pick(DEMO_TITLES[persona] ?? ['Manager']),
      lifecycleStage: random.pick(STAGES),
      segments: { industry: company.industry, persona, region: company.region },
      crmRefs:
        crm < 0.4
          ? [{ system: 'salesforce', objectType: 'Lead', id: `00Q5e${randomId(random, 13)}` }]
          : crm < 0.65
            ? [{ system: 'hubspot', objectType: 'contact', id: String(random.int(10_000_000, 99_999_999)) }]
            : [],
      campaigns,
    });
  }
  return leads;
}

function randomId(random: Random, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[random.int(0, alphabet.length - 1)];
  return out;
}

function generatedEvents(random: Random, lead: LeadInput, now: number, nextId: () => string): EngagementEventInput[] {
  const persona = lead.segments?.persona ?? '';
  const member = new Set(lead.campaigns ?? []);
  const content = DEMO_CONTENT.filter((c) => c.personas.includes(persona));
  const emails = DEMO_EMAILS.filter((e) => member.has(e.campaign));
  const stage = lead.lifecycleStage ?? 'lead';
  const activity = stage === 'subscriber' ? 0.4 : stage === 'sql' || stage === 'opportunity' ? 1.4 : 1;
  const count = Math.round(random.int(8, 32) * activity);
  // Skewed towards recent days: marketing activity piles up as a lead warms.
  const at = () => new Date(now - (90 * random.next() ** 1.5 * DAY_MS + random.int(0, 23) * HOUR_MS)).toISOString();
  const events: EngagementEventInput[] = [];
  for (let i = 0; i < count; i++) {
    if (emails.length > 0 && random.chance(0.35)) {
      const email = random.pick(emails);
      events.push({
        id: nextId(),
        email: lead.email,
        type: random.chance(0.7) ? 'email_open' : 'email_click',
        occurredAt: at(),
        content: contentFor(email.id),
        campaign: email.campaign,
      });
    } else if (content.length > 0) {
      const item = random.pick(content);
      events.push({
        id: nextId(),
        email: lead.email,
        type: random.pick(item.types),
        occurredAt: at(),
        content: contentFor(item.id),
        ...(item.campaign && member.has(item.campaign) ? { campaign: item.campaign } : {}),
      });
    }
  }
  if ((stage === 'sql' || stage === 'opportunity') && random.chance(0.5)) {
    events.push({
      id: nextId(),
      email: lead.email,
      type: random.chance(0.6) ? 'demo_request' : 'meeting',
      occurredAt: at(),
    });
  }
  if (stage === 'customer' && random.chance(0.5)) {
    events.push({ id: nextId(), email: lead.email, type: 'meeting', occurredAt: at() });
  }
  return events;
}

export function fixedEvents(
  lead: LeadInput,
  events: readonly FixedEvent[],
  now: number,
  prefix: string,
): EngagementEventInput[] {
  return events.map((e, i) => ({
    id: `${prefix}-${String(i + 1).padStart(2, '0')}`,
    email: lead.email,
    type: e.type,
    occurredAt: new Date(now - e.ago * DAY_MS).toISOString(),
    ...(e.content ? { content: contentFor(e.content) } : {}),
    ...(e.campaign ? { campaign: e.campaign } : {}),
  }));
}

/** The demo data is ours: an item the ingest refuses is a mistake in it, not a row to skip. */
function allAccepted(what: string, result: BatchResult): void {
  const first = result.rejected[0];
  if (first) throw new Error(`demo ${what} ${first.index}: ${first.detail}`);
}

/**
 * Writes the demo data set: the same campaigns, leads, events and talking points on every run for
 * the same `now` (dates are relative to it), and eight weeks of reps' uses and verdicts
 * (`demo-history.ts`). Upserts, and the history is written once, so running it twice does not double
 * anything. `history: false` leaves the feedback and usage tables empty, for tests that count
 * verdicts of their own.
 */
export async function seedDemo(
  store: Stores,
  { now = new Date(), seed = DEMO_SEED, history = true } = {},
): Promise<SeedSummary> {
  const random = createRandom(seed);
  const t = now.getTime();
  const stamp = now.toISOString();
  const inDays = (d: number | undefined) => (d === undefined ? undefined : new Date(t + d * DAY_MS).toISOString());

  const campaigns = DEMO_CAMPAIGNS.map((c) =>
    CampaignInput.parse({
      key: c.key,
      name: c.name,
      status: c.status,
      startsAt: inDays(c.startsInDays),
      endsAt: inDays(c.endsInDays),
      message: c.message,
    }),
  );
  const taken = new Set(FIXED_LEADS.map((f) => f.lead.email));
  const first = generatedLeads(random, 48, taken);
  const more = createRandom(seed + 1);
  const later = generatedLeads(more, MORE_LEADS, taken);
  const leads = [...FIXED_LEADS.map((f) => f.lead), ...first, ...later].map((l) => LeadInput.parse(l));
  let n = 0;
  const nextId = () => `demo-evt-${String(++n).padStart(4, '0')}`;
  const events = [
    ...FIXED_LEADS.flatMap((f) => fixedEvents(f.lead, f.events, t, `demo-evt-${f.lead.email.split('.')[0]}`)),
    ...first.flatMap((l) => generatedEvents(random, l, t, nextId)),
    ...later.flatMap((l) => generatedEvents(more, l, t, nextId)),
  ];
  const points = DEMO_POINTS.map(({ id, ...p }) => {
    const window = POINT_WINDOWS[id];
    return {
      id,
      input: TalkingPointInput.parse({
        ...p,
        ...(window ? { validFrom: inDays(window.from), validTo: inDays(window.to) } : {}),
      }),
    };
  });

  const lived = await store.transaction(async (tx) => {
    for (const c of campaigns) await tx.campaigns.upsert(c, stamp);
    await seedFunnel(tx, t);
    await seedStageHistory(tx, leads, t);
    allAccepted('lead', await ingestLeads(tx, leads, stamp));
    allAccepted('event', await ingestEvents(tx, events, stamp));
    for (const p of points) await tx.talkingPoints.put(p.id, p.input, 'Demo marketer', stamp);
    const audiences = points.map((p) => ({
      id: p.id,
      audience: p.input.audience,
      ...(p.input.validFrom ? { validFrom: Date.parse(p.input.validFrom) } : {}),
      ...(p.input.validTo ? { validTo: Date.parse(p.input.validTo) } : {}),
    }));
    if (!history) return { usage: 0, verdicts: 0 };
    return seedDemoHistory(
      tx,
      leads.map((l) => l.email),
      audiences,
      t,
      seed,
    );
  });
  return {
    campaigns: campaigns.length,
    leads: leads.length,
    events: events.length,
    talkingPoints: points.length,
    ...lived,
  };
}

export type DemoTokens = Record<Role, string>;

export async function createDemoTokens(store: Stores, now = new Date()): Promise<DemoTokens> {
  const stamp = now.toISOString();
  return {
    rep: (await store.tokens.create('rep', 'Demo rep', stamp)).token,
    manager: (await store.tokens.create('manager', 'Demo manager', stamp)).token,
    marketer: (await store.tokens.create('marketer', 'Demo marketer', stamp)).token,
    admin: (await store.tokens.create('admin', 'Demo admin', stamp)).token,
  };
}
