import { z } from 'zod';
import { CrmRef, displayText, Email, Key, LifecycleStage, PastInstant, Segments } from './common.ts';

export const LeadInput = z.strictObject({
  email: Email,
  name: displayText(200).optional(),
  company: displayText(200).optional(),
  title: displayText(200).optional(),
  lifecycleStage: LifecycleStage.optional(),
  /** When the stage changed in the source system; the funnel history uses the time received when absent. */
  lifecycleStageChangedAt: PastInstant.optional(),
  segments: Segments.optional(),
  crmRefs: z.array(CrmRef).max(10).optional(),
  campaigns: z.array(Key).max(50).optional(),
});
export type LeadInput = z.infer<typeof LeadInput>;

export const MAX_BATCH = 5000;

/** `POST /v1/leads`: upsert by email. Each item is checked on its own; bad items are reported, good ones kept. */
export const LeadsUpsertRequest = z.strictObject({
  leads: z.array(z.unknown()).min(1).max(MAX_BATCH),
});

export const BatchResult = z.object({
  received: z.number().int(),
  accepted: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), detail: z.string() })),
  /** Events only: accepted items whose id was already stored (kept once, not doubled). */
  duplicates: z.number().int().optional(),
});
export type BatchResult = z.infer<typeof BatchResult>;
