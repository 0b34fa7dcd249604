import { type FunnelStage, type LeadInput, LifecycleStage } from '../../lib/contract/index.ts';
import { DEFAULT_FUNNEL_STAGES } from '../domain/funnel.ts';
import { DAY_MS } from '../domain/time.ts';
import type { Stores } from '../store/index.ts';
import { createRandom } from './prng.ts';

const ORDER = LifecycleStage.options;

/** Stage paths of the leads the end-to-end tests use: days before seeding each stage was entered. */
const FIXED_PATHS: Readonly<Record<string, readonly [LifecycleStage, number][]>> = {
  'dana.lee@acme-robotics.com': [
    ['subscriber', 80],
    ['lead', 45],
    ['mql', 9],
  ],
  'raj.patel@northwind.io': [
    ['lead', 62],
    ['mql', 30],
    ['sql', 6],
  ],
};

/** A small, stable number from an address, so each lead's path does not depend on the others'. */
function seedOf(email: string): number {
  let h = 2_166_136_261;
  for (const ch of email) h = Math.imul(h ^ ch.charCodeAt(0), 16_777_619);
  return h >>> 0;
}

/**
 * How a lead reached its stage: up to three earlier stages (sometimes skipping one), the last entry
 * 1–40 days ago and each earlier one 4–21 days before the next, so the history spans about 12 weeks
 * and some first entries fall before it (their stays are not counted as stays).
 */
export function demoStagePath(lead: LeadInput, now: number): { stage: LifecycleStage; at: number }[] {
  const final = lead.lifecycleStage;
  if (!final) return [];
  const fixed = FIXED_PATHS[lead.email];
  if (fixed) return fixed.map(([stage, ago]) => ({ stage, at: now - ago * DAY_MS }));
  const random = createRandom(seedOf(lead.email));
  const end = ORDER.indexOf(final);
  const stages: LifecycleStage[] = [final];
  let index = end;
  for (let steps = random.int(0, 3); steps > 0 && index > 0; steps--) {
    index -= index > 1 && random.chance(0.15) ? 2 : 1;
    const stage = ORDER[index];
    if (stage) stages.unshift(stage);
  }
  let ago = random.int(1, 40) + random.next();
  const times = [ago];
  for (let i = 1; i < stages.length; i++) {
    ago += random.int(4, 21) + random.next();
    times.unshift(ago);
  }
  return stages.map((stage, i) => ({ stage, at: Math.round(now - (times[i] ?? 0) * DAY_MS) }));
}

/**
 * Writes each new lead's stage path through the lead store (so `stage_changes` fills as it does in
 * production), the lead coming to exist with its first stage, so no move predates it. Leads already
 * stored are left alone, so seeding twice adds no history. Call inside a transaction, before the
 * leads' own upsert (which then changes no stage).
 */
export async function seedStageHistory(store: Stores, leads: readonly LeadInput[], now: number): Promise<void> {
  for (const lead of leads) {
    if (await store.leads.find({ email: lead.email })) continue;
    for (const step of demoStagePath(lead, now)) {
      const at = new Date(step.at).toISOString();
      await store.leads.upsert({ email: lead.email, lifecycleStage: step.stage, lifecycleStageChangedAt: at }, at);
    }
  }
}

const withMqlEdit = (stages: readonly FunnelStage[]): FunnelStage[] =>
  stages.map((s) =>
    s.stage === 'mql'
      ? {
          ...s,
          entryCriteria:
            'Fits the profile (industry, 200+ employees, finance or platform persona) and an engagement score of 20 or more in the last 30 days.',
        }
      : s,
  );

/**
 * The demo funnel: the default as version 1 (12 weeks ago), then a sales manager's sharper MQL entry
 * criteria as version 2, signed by both teams, so the demo starts agreed. Skipped when a funnel exists.
 */
export async function seedFunnel(store: Stores, now: number): Promise<void> {
  if (await store.funnel.exists()) return;
  const at = (days: number) => new Date(now - days * DAY_MS).toISOString();
  const marketer = { name: 'Demo marketer', role: 'marketer' as const, tokenId: null };
  const manager = { name: 'Demo manager', role: 'manager' as const, tokenId: null };
  await store.funnel.writeFirst(DEFAULT_FUNNEL_STAGES, marketer, at(84), 'The lifecycle stages as we use them today.');
  await store.funnel.replace(
    withMqlEdit(DEFAULT_FUNNEL_STAGES),
    manager,
    at(20),
    'MQL needs company size and persona fit.',
  );
  await store.funnel.sign(2, 'sales', manager, at(20));
  await store.funnel.sign(2, 'marketing', marketer, at(19));
}
