import type {
  Funnel,
  FunnelSignatures,
  FunnelStage,
  FunnelTeam,
  LifecycleStage,
  Role,
  StageDefinition,
} from '../../lib/contract/index.ts';

/**
 * The funnel a new endpoint starts with: the six lifecycle stages, marketing owning the top three
 * and sales the rest. Teams edit it in the console; this is only the first version.
 */
export const DEFAULT_FUNNEL_STAGES: readonly FunnelStage[] = [
  {
    stage: 'subscriber',
    name: 'Subscriber',
    definition: 'Someone who gave us an address to hear from us, and nothing more yet.',
    entryCriteria: 'Opted in to a newsletter, blog or event list.',
    owner: 'marketing',
    handoff: 'Marketing nurtures; becomes a lead when they ask for something (a download, a webinar, a form).',
  },
  {
    stage: 'lead',
    name: 'Lead',
    definition: 'A person who has shown interest in what we sell, not only in our content.',
    entryCriteria: 'Filled in a form with a work address, or downloaded gated content.',
    owner: 'marketing',
    handoff: 'Marketing scores engagement; becomes an MQL when the score and fit thresholds are both met.',
  },
  {
    stage: 'mql',
    name: 'Marketing qualified lead (MQL)',
    definition: 'A lead who fits our customer profile and is engaged enough for sales to call.',
    entryCriteria: 'Fits the profile (industry, size, persona) and engagement score of 20 or more in 30 days.',
    owner: 'marketing',
    handoff: 'Routed to a rep within 1 business day; the rep accepts (SQL) or returns it with a reason within 5.',
  },
  {
    stage: 'sql',
    name: 'Sales qualified lead (SQL)',
    definition: 'A lead a rep has spoken to and accepted as worth pursuing.',
    entryCriteria: 'A rep had a conversation and confirmed need, authority and timing.',
    owner: 'sales',
    handoff: 'Becomes an opportunity when a discovery call books a next step with a date and an amount.',
  },
  {
    stage: 'opportunity',
    name: 'Opportunity',
    definition: 'A deal in progress, with an amount and a close date in the CRM.',
    entryCriteria: 'Discovery done; opportunity record created with amount and expected close date.',
    owner: 'sales',
    handoff: 'Becomes a customer when the contract is signed; closed-lost goes back to marketing nurture.',
  },
  {
    stage: 'customer',
    name: 'Customer',
    definition: 'An organisation with a signed contract.',
    entryCriteria: 'Contract signed and the first invoice issued.',
    owner: 'sales',
    handoff: '',
  },
];

/**
 * Which team a role signs for. A marketer signs for marketing and a manager for sales; reps and
 * admins sign for nobody (an admin runs the endpoint and does not speak for either team).
 */
export function teamFor(role: Role): FunnelTeam | null {
  if (role === 'marketer') return 'marketing';
  if (role === 'manager') return 'sales';
  return null;
}

export const isAgreed = (signatures: FunnelSignatures) => signatures.marketing !== null && signatures.sales !== null;

const FIELDS: readonly [keyof FunnelStage, string][] = [
  ['name', 'name'],
  ['definition', 'definition'],
  ['entryCriteria', 'entry criteria'],
  ['owner', 'owner'],
  ['handoff', 'hand-off rule'],
];

/** What changed between two versions, one sentence each, for the history. */
export function describeChanges(before: readonly FunnelStage[] | null, after: readonly FunnelStage[]): string[] {
  if (!before) return ['First version.'];
  const out: string[] = [];
  const old = new Map(before.map((s) => [s.stage, s]));
  const now = new Set(after.map((s) => s.stage));
  for (const s of before) if (!now.has(s.stage)) out.push(`Removed ${s.name}.`);
  for (const s of after) {
    const prev = old.get(s.stage);
    if (!prev) {
      out.push(`Added ${s.name}.`);
      continue;
    }
    const fields = FIELDS.filter(([key]) => prev[key] !== s[key]).map(([, label]) => label);
    if (fields.length > 0) out.push(`${s.name}: changed ${fields.join(', ')}.`);
  }
  const order = (list: readonly FunnelStage[]) =>
    list
      .map((s) => s.stage)
      .filter((k) => old.has(k) && now.has(k))
      .join(',');
  if (order(before) !== order(after)) out.push('Changed the order of the stages.');
  return out.length > 0 ? out : ['No change to the stages.'];
}

/** The funnel's definition of `stage` for the sidebar's chip; null when the stage is not in the funnel. */
export function stageDefinitionFor(funnel: Funnel, stage: LifecycleStage | null): StageDefinition | null {
  const found = stage ? funnel.stages.find((s) => s.stage === stage) : undefined;
  if (!found) return null;
  return {
    stage: found.stage,
    name: found.name,
    definition: found.definition,
    entryCriteria: found.entryCriteria,
    owner: found.owner,
    agreed: funnel.agreed,
    version: funnel.version,
  };
}
