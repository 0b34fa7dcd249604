import type { LifecycleStage } from '../../lib/contract/index.ts';
import { normaliseName } from './columns.ts';

/**
 * Stage values as tools write them, compared normalised (`Marketing Qualified Lead` and HubSpot's
 * internal `marketingqualifiedlead` are one), and the stage each stands for. `null`: the value says
 * nothing about the funnel stage, so the stored stage is kept. `--stage-map` entries come first.
 */
const STAGES: Readonly<Record<string, LifecycleStage | null>> = {
  subscriber: 'subscriber',
  lead: 'lead',
  mql: 'mql',
  sql: 'sql',
  opportunity: 'opportunity',
  customer: 'customer',
  // HubSpot lifecycle stages (labels and internal values)
  marketingqualifiedlead: 'mql',
  salesqualifiedlead: 'sql',
  evangelist: 'customer',
  other: null,
  // Salesforce's default Lead Status values (also what Marketo syncs from it)
  opennotcontacted: 'lead',
  workingcontacted: 'sql',
  closedconverted: 'opportunity',
  closednotconverted: null,
  // Marketo revenue-cycle stages and common statuses
  marketingqualified: 'mql',
  salesaccepted: 'sql',
  salesacceptedlead: 'sql',
  sal: 'sql',
  salesqualified: 'sql',
  new: 'lead',
  open: 'lead',
};

export type StageMap = ReadonlyMap<string, LifecycleStage | null>;

export type StageReading = { stage: LifecycleStage | null } | { unknown: true };

/** The stage a cell's value stands for; `{ stage: null }` keeps the stored stage. */
export function readStage(value: string, overrides: StageMap): StageReading {
  const key = normaliseName(value);
  if (overrides.has(key)) return { stage: overrides.get(key) ?? null };
  if (key in STAGES) return { stage: STAGES[key] ?? null };
  return { unknown: true };
}
