import { z } from 'zod';
import { displayText, HttpUrl, Key, PlannedInstant, Timestamp } from './common.ts';
import { windowCheck } from './window.ts';

export const CampaignStatus = z.enum(['draft', 'active', 'ended']);

const Cta = z.strictObject({ label: displayText(80), url: HttpUrl });
const ProofPoints = z.array(displayText(400)).max(10);

export const CampaignMessage = z.strictObject({
  headline: displayText(200),
  pitch: displayText(2000, { lines: 'many' }),
  proofPoints: ProofPoints.default([]),
  cta: Cta.optional(),
});
export type CampaignMessage = z.infer<typeof CampaignMessage>;

const CampaignName = displayText(200);

/** `POST /v1/campaigns`: create or replace a campaign, keyed by `key`. */
export const CampaignInput = z
  .strictObject({
    key: Key,
    name: CampaignName,
    status: CampaignStatus,
    startsAt: PlannedInstant.optional(),
    endsAt: PlannedInstant.optional(),
    message: CampaignMessage,
  })
  .superRefine(windowCheck('startsAt', 'endsAt'));
export type CampaignInput = z.infer<typeof CampaignInput>;

export const Campaign = z.object({
  key: Key,
  name: z.string(),
  status: CampaignStatus,
  startsAt: Timestamp.nullable(),
  endsAt: Timestamp.nullable(),
  message: CampaignMessage,
  version: z.number().int(),
  updatedAt: Timestamp,
});
export type Campaign = z.infer<typeof Campaign>;

/** `GET /v1/campaigns`: every campaign, by key. */
export const AllCampaigns = z.object({ campaigns: z.array(Campaign) });
export type AllCampaigns = z.infer<typeof AllCampaigns>;

/**
 * `PATCH /v1/campaigns/{key}`: any fields but the key; `message` fields are merged into the stored
 * message (`cta: null` removes the call to action); `null` clears `startsAt` or `endsAt`.
 * `If-Match: "<version>"` refuses the edit (412) when the stored version differs.
 */
export const CampaignPatch = z
  .strictObject({
    name: CampaignName.optional(),
    status: CampaignStatus.optional(),
    startsAt: PlannedInstant.nullable().optional(),
    endsAt: PlannedInstant.nullable().optional(),
    message: z
      .strictObject({
        headline: CampaignMessage.shape.headline.optional(),
        pitch: CampaignMessage.shape.pitch.optional(),
        proofPoints: ProofPoints.optional(),
        cta: Cta.nullable().optional(),
      })
      .optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { error: 'must change at least one field' });
export type CampaignPatch = z.infer<typeof CampaignPatch>;
