import { z } from 'zod';
import { HttpUrl, Key, Timestamp } from './common.ts';

export const CampaignStatus = z.enum(['draft', 'active', 'ended']);

export const CampaignMessage = z.strictObject({
  headline: z.string().trim().min(1).max(200),
  pitch: z.string().trim().min(1).max(2000),
  proofPoints: z.array(z.string().trim().min(1).max(400)).max(10).default([]),
  cta: z.strictObject({ label: z.string().trim().min(1).max(80), url: HttpUrl }).optional(),
});
export type CampaignMessage = z.infer<typeof CampaignMessage>;

/** `POST /v1/campaigns`: create or replace a campaign, keyed by `key`. */
export const CampaignInput = z
  .strictObject({
    key: Key,
    name: z.string().trim().min(1).max(200),
    status: CampaignStatus,
    startsAt: Timestamp.optional(),
    endsAt: Timestamp.optional(),
    message: CampaignMessage,
  })
  .refine((c) => !c.startsAt || !c.endsAt || c.startsAt <= c.endsAt, {
    error: 'endsAt must not be before startsAt',
    path: ['endsAt'],
  });
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

/**
 * `PATCH /v1/campaigns/{key}`: any fields but the key; `message` fields are merged into the stored
 * message (`cta: null` removes the call to action); `null` clears `startsAt` or `endsAt`.
 * `If-Match: "<version>"` refuses the edit (412) when the stored version differs.
 */
export const CampaignPatch = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    status: CampaignStatus.optional(),
    startsAt: Timestamp.nullable().optional(),
    endsAt: Timestamp.nullable().optional(),
    message: z
      .strictObject({
        headline: CampaignMessage.shape.headline.optional(),
        pitch: CampaignMessage.shape.pitch.optional(),
        proofPoints: z.array(z.string().trim().min(1).max(400)).max(10).optional(),
        cta: z
          .strictObject({ label: z.string().trim().min(1).max(80), url: HttpUrl })
          .nullable()
          .optional(),
      })
      .optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { error: 'must change at least one field' });
export type CampaignPatch = z.infer<typeof CampaignPatch>;
