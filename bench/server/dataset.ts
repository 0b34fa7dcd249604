import { createHash } from 'node:crypto';
import type { EventType, LifecycleStage } from '../../lib/contract/index.ts';
import { DEMO_COMPANIES, DEMO_CONTENT, DEMO_TITLES, FIRST_NAMES, LAST_NAMES } from '../../server/seed/demo-data.ts';
import { createRandom } from '../../server/seed/prng.ts';

/** The full-scale data set: 1M leads, 20M engagement events (docs/budgets.md). `--scale` multiplies both. */
export const FULL_LEADS = 1_000_000;
export const FULL_EVENTS = 20_000_000;
export const BENCH_SEED = 6_061_975;
const DAY_MS = 86_400_000;

export function sizesFor(scale: number): { leads: number; events: number } {
  return {
    leads: Math.max(100, Math.round(FULL_LEADS * scale)),
    events: Math.max(2000, Math.round(FULL_EVENTS * scale)),
  };
}

/** Lead `i` (0-based) has this address; the load generator derives addresses without the database. */
export function benchEmail(i: number): string {
  const company = DEMO_COMPANIES[i % DEMO_COMPANIES.length];
  return `lead${i}@c${Math.floor(i / 50)}.${company?.domain ?? 'example.com'}`;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const STAGES: readonly LifecycleStage[] = [
  'subscriber',
  'lead',
  'lead',
  'mql',
  'mql',
  'sql',
  'opportunity',
  'customer',
];
const PERSONAS = Object.keys(DEMO_TITLES);
const TYPES: readonly EventType[] = [
  'email_open',
  'email_open',
  'email_open',
  'email_click',
  'page_view',
  'page_view',
  'page_view',
  'content_download',
  'webinar_registered',
  'webinar_attended',
  'form_submit',
  'meeting',
  'ad_click',
];

export interface LeadRow {
  email: string;
  email_hash: string;
  name: string;
  company: string;
  title: string;
  lifecycle_stage: LifecycleStage;
  industry: string;
  persona: string;
  region: string;
  /** Salesforce Lead id for one lead in four. */
  salesforceId: string | null;
  campaigns: string[];
  /** How many events this lead has (exponential, mean events/leads, capped at 2,000). */
  eventCount: number;
}

export interface EventRow {
  id: string;
  type: EventType;
  occurred_ms: number;
  content_id: string | null;
  content_title: string | null;
  content_url: string | null;
  content_topic: string | null;
  campaign_key: string | null;
}

/** Deterministic generators: the same scale and `now` give the same rows on every machine. */
export function createDataset(scale: number, now: number, campaignKeys: readonly string[]) {
  const { leads, events } = sizesFor(scale);
  const mean = events / leads;
  const random = createRandom(BENCH_SEED);
  let eventSeq = 0;
  return {
    leads,
    events,
    lead(i: number): LeadRow {
      const company = DEMO_COMPANIES[i % DEMO_COMPANIES.length] ?? {
        name: 'Example',
        industry: 'Software',
        region: 'NA',
      };
      const persona = random.pick(PERSONAS);
      const first = random.pick(FIRST_NAMES);
      const last = random.pick(LAST_NAMES);
      const email = benchEmail(i);
      const n = random.int(1, 2);
      const campaigns = Array.from({ length: n }, () => random.pick(campaignKeys));
      return {
        email,
        email_hash: sha256(email),
        name: `${first} ${last}`,
        company: `${company.name} ${Math.floor(i / 50)}`,
        title: random.pick(DEMO_TITLES[persona] ?? ['Manager']),
        lifecycle_stage: random.pick(STAGES),
        industry: company.industry,
        persona,
        region: company.region,
        salesforceId: i % 4 === 0 ? `00Q${String(i).padStart(12, '0')}` : null,
        campaigns: [...new Set(campaigns)],
        eventCount: Math.min(2000, Math.floor(-Math.log(1 - random.next()) * (mean + 0.5))),
      };
    },
    /** Events spread over the last year, a third of them in the last 90 days. */
    event(lead: LeadRow): EventRow {
      const content = random.chance(0.7) ? random.pick(DEMO_CONTENT) : null;
      const recent = random.chance(0.33);
      const ago = recent ? random.next() * 90 : 90 + random.next() * 275;
      const campaign = content?.campaign ?? (random.chance(0.4) ? random.pick(lead.campaigns) : null);
      eventSeq++;
      return {
        id: `bench-evt-${eventSeq.toString(36).padStart(6, '0')}`,
        type: content ? random.pick(content.types) : random.pick(TYPES),
        occurred_ms: Math.floor(now - ago * DAY_MS),
        content_id: content?.id ?? null,
        content_title: content?.title ?? null,
        content_url: content ? `https://example.com/stratus/resources/${content.id}` : null,
        content_topic: content?.topic ?? null,
        campaign_key: campaign ?? null,
      };
    },
  };
}
