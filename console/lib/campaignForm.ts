import { type Campaign, CampaignInput, type CampaignPatch, type CampaignStatus } from '../../lib/contract/campaigns.ts';
import type { CurrentCampaign } from '../../lib/contract/lookup.ts';
import { windowInOrder } from '../../lib/contract/window.ts';
import { type FieldErrors, fieldErrors, WINDOW_OUT_OF_ORDER } from './errors.ts';
import { fromLocalInput, toLocalInput } from './format.ts';

type Status = (typeof CampaignStatus.options)[number];

/** What the campaign form holds: strings as typed, dates as `datetime-local` values. */
export interface CampaignForm {
  key: string;
  name: string;
  status: Status;
  startsAt: string;
  endsAt: string;
  headline: string;
  pitch: string;
  proofPoints: string[];
  ctaLabel: string;
  ctaUrl: string;
}

export const EMPTY_CAMPAIGN: CampaignForm = {
  key: '',
  name: '',
  status: 'draft',
  startsAt: '',
  endsAt: '',
  headline: '',
  pitch: '',
  proofPoints: [],
  ctaLabel: '',
  ctaUrl: '',
};

export function campaignToForm(campaign: Campaign): CampaignForm {
  return {
    key: campaign.key,
    name: campaign.name,
    status: campaign.status,
    startsAt: toLocalInput(campaign.startsAt),
    endsAt: toLocalInput(campaign.endsAt),
    headline: campaign.message.headline,
    pitch: campaign.message.pitch,
    proofPoints: [...campaign.message.proofPoints],
    ctaLabel: campaign.message.cta?.label ?? '',
    ctaUrl: campaign.message.cta?.url ?? '',
  };
}

/** The form as the endpoint's `CampaignInput`, before checking. A CTA with neither label nor URL is none. */
function candidate(form: CampaignForm) {
  const hasCta = form.ctaLabel.trim() !== '' || form.ctaUrl.trim() !== '';
  return {
    key: form.key.trim(),
    name: form.name,
    status: form.status,
    ...(form.startsAt ? { startsAt: fromLocalInput(form.startsAt) } : {}),
    ...(form.endsAt ? { endsAt: fromLocalInput(form.endsAt) } : {}),
    message: {
      headline: form.headline,
      pitch: form.pitch,
      proofPoints: form.proofPoints,
      ...(hasCta ? { cta: { label: form.ctaLabel, url: form.ctaUrl.trim() } } : {}),
    },
  };
}

export type CampaignCheck = { ok: true; input: CampaignInput } | { ok: false; errors: FieldErrors };

/** Checked with the contract's own schema, so the form says what the endpoint would. */
export function checkCampaign(form: CampaignForm): CampaignCheck {
  const input = candidate(form);
  const parsed = CampaignInput.safeParse(input);
  if (parsed.success) return { ok: true, input: parsed.data };
  // The contract's rule, in the form's words (its fields are labelled "Starts" and "Ends").
  const errors: Record<string, string> = { ...fieldErrors(parsed.error) };
  if (!windowInOrder(input.startsAt, input.endsAt)) errors.endsAt = WINDOW_OUT_OF_ORDER;
  return { ok: false, errors };
}

/** Every editable field, so the stored campaign ends up exactly as the form shows it. */
export function campaignPatch(input: CampaignInput): CampaignPatch {
  return {
    name: input.name,
    status: input.status,
    startsAt: input.startsAt ?? null,
    endsAt: input.endsAt ?? null,
    message: {
      headline: input.message.headline,
      pitch: input.message.pitch,
      proofPoints: input.message.proofPoints,
      cta: input.message.cta ?? null,
    },
  };
}

/** What the sidebar would be handed for this campaign, built from the form as it stands (even half-typed). */
export function previewCampaign(form: CampaignForm): CurrentCampaign {
  const label = form.ctaLabel.trim();
  const url = form.ctaUrl.trim();
  const endsAt = fromLocalInput(form.endsAt);
  return {
    key: form.key || 'preview',
    name: form.name || 'Untitled campaign',
    endsAt: endsAt && !Number.isNaN(Date.parse(endsAt)) ? endsAt : null,
    message: {
      headline: form.headline || 'Headline',
      pitch: form.pitch || 'The pitch reps will read appears here.',
      proofPoints: form.proofPoints.map((point) => point.trim()).filter(Boolean),
      ...(label && url ? { cta: { label, url } } : {}),
    },
  };
}
