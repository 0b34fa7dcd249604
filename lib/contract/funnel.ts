import { z } from 'zod';
import { displayText, LifecycleStage, Role, Timestamp } from './common.ts';

/** Which team owns a stage: marketing works it until the hand-off, sales after. */
export const FunnelTeam = z.enum(['marketing', 'sales']);
export type FunnelTeam = z.infer<typeof FunnelTeam>;

const Prose = (max: number, min = 1) => displayText(max, { lines: 'many', min });

/** One stage of the funnel as both teams read it. */
export const FunnelStage = z.strictObject({
  stage: LifecycleStage,
  name: displayText(80),
  /** In plain language: what a lead in this stage is. */
  definition: Prose(1000),
  /** What must be true for a lead to enter this stage. */
  entryCriteria: Prose(1000),
  owner: FunnelTeam,
  /** How a lead moves on to the next stage (who does what, by when); may be empty on the last stage. */
  handoff: Prose(1000, 0),
});
export type FunnelStage = z.infer<typeof FunnelStage>;

/** `PUT /v1/funnel`: the whole definition, in order; each lifecycle stage at most once. */
export const FunnelInput = z.strictObject({
  stages: z
    .array(FunnelStage)
    .min(2)
    .max(6)
    .refine((stages) => new Set(stages.map((s) => s.stage)).size === stages.length, {
      error: 'must name each lifecycle stage at most once',
    }),
  /** Why it changed, for the history. */
  note: Prose(500, 0).optional(),
});
export type FunnelInput = z.infer<typeof FunnelInput>;

export const FunnelSignature = z.object({
  team: FunnelTeam,
  name: z.string(),
  role: Role,
  signedAt: Timestamp,
});
export type FunnelSignature = z.infer<typeof FunnelSignature>;

export const FunnelSignatures = z.object({
  marketing: FunnelSignature.nullable(),
  sales: FunnelSignature.nullable(),
});
export type FunnelSignatures = z.infer<typeof FunnelSignatures>;

/** `GET /v1/funnel`: the current version; `agreed` when marketing and sales have both signed it. */
export const Funnel = z.object({
  version: z.number().int(),
  stages: z.array(FunnelStage),
  changedAt: Timestamp,
  changedBy: z.string(),
  signatures: FunnelSignatures,
  agreed: z.boolean(),
});
export type Funnel = z.infer<typeof Funnel>;

/** `POST /v1/funnel/signatures`: sign the version you read; the team follows from your role. */
export const FunnelSignRequest = z.strictObject({ version: z.number().int().min(1) });
export type FunnelSignRequest = z.infer<typeof FunnelSignRequest>;

export const FunnelVersion = z.object({
  version: z.number().int(),
  stages: z.array(FunnelStage),
  changedAt: Timestamp,
  changedBy: z.string(),
  changedByRole: Role.nullable(),
  note: z.string().nullable(),
  /** What changed from the version before, one sentence each. */
  changes: z.array(z.string()),
  signatures: FunnelSignatures,
});
export type FunnelVersion = z.infer<typeof FunnelVersion>;

/** `GET /v1/funnel/history`: every version, newest first. */
export const FunnelHistory = z.object({ versions: z.array(FunnelVersion) });
export type FunnelHistory = z.infer<typeof FunnelHistory>;

export const FunnelMetricsQuery = z.strictObject({
  weeks: z.coerce.number().int().min(1).max(52).default(12),
});

export const StageWeek = z.object({
  /** ISO week in UTC, like `2026-W48`. */
  week: z.string(),
  entered: z.number().int(),
  left: z.number().int(),
});

export const StageMetrics = z.object({
  stage: LifecycleStage,
  name: z.string(),
  /** Leads whose stored stage is this one now. */
  current: z.number().int(),
  weeks: z.array(StageWeek),
  /** Median days of the stays that ended inside the window; null when none did. */
  medianDaysInStage: z.number().nullable(),
  /** Stays that ended inside the window (they make the median). */
  completedStays: z.number().int(),
  /** Stays still open now (censored: left out of the median, counted here). */
  openStays: z.number().int(),
  /** Of the leads that entered this stage inside the window, how many later reached the next stage or beyond. */
  conversion: z
    .object({
      to: LifecycleStage,
      entered: z.number().int(),
      reached: z.number().int(),
      rate: z.number().nullable(),
    })
    .nullable(),
});
export type StageMetrics = z.infer<typeof StageMetrics>;

/** `GET /v1/funnel/metrics?weeks=N`. */
export const FunnelMetrics = z.object({
  version: z.number().int(),
  from: Timestamp,
  to: Timestamp,
  weeks: z.array(z.string()),
  stages: z.array(StageMetrics),
});
export type FunnelMetrics = z.infer<typeof FunnelMetrics>;

/** What the sidebar shows on the lead's stage chip. */
export const StageDefinition = z.object({
  stage: LifecycleStage,
  name: z.string(),
  definition: z.string(),
  entryCriteria: z.string(),
  owner: FunnelTeam,
  agreed: z.boolean(),
  version: z.number().int(),
});
export type StageDefinition = z.infer<typeof StageDefinition>;
