import type { SourceSettings } from '../../../lib/contract/index.ts';
import { resolveMapping } from '../default-mapping.ts';
import { isRecord } from '../items.ts';
import { content, defined, lifecycleStage, type Outcome, text } from '../outcome.ts';

/** Inbox names of what a HubSpot sync pulls. Email events are `hubspot.email.<TYPE>`. */
export const HUBSPOT_NAMES = {
  email: (type: string) => `hubspot.email.${type}`,
  form: 'hubspot.form_submission',
  contact: 'hubspot.contact',
} as const;

/** The lifecycle stages HubSpot stamps a date for (`hs_lifecyclestage_<value>_date`), by internal value. */
export const HUBSPOT_STAGE_VALUES = [
  'subscriber',
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
] as const;

const iso = (millis: unknown) =>
  typeof millis === 'number' && Number.isFinite(millis) ? new Date(millis).toISOString() : undefined;

/** HubSpot's CRM dates come as ISO text or, in older properties, epoch milliseconds as text. */
function crmDate(value: unknown): string | undefined {
  const t = text(value);
  if (!t) return undefined;
  const ms = /^\d+$/.test(t) ? Number(t) : Date.parse(t);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function contact(payload: Record<string, unknown>): Outcome {
  const p = isRecord(payload.properties) ? payload.properties : {};
  const id = text(payload.id);
  const email = text(p.email);
  if (!email) return { kind: 'skipped', reason: 'HubSpot contact without an email address' };
  const raw = text(p.lifecyclestage);
  const stage = lifecycleStage(raw);
  const modified = crmDate(p.lastmodifieddate);
  const enteredStage = raw ? crmDate(p[`hs_lifecyclestage_${raw}_date`]) : undefined;
  return {
    kind: 'lead',
    occurredAt: modified,
    lead: defined({
      email,
      name: text([text(p.firstname), text(p.lastname)].filter(Boolean).join(' ')),
      title: text(p.jobtitle),
      company: text(p.company),
      lifecycleStage: stage,
      lifecycleStageChangedAt: stage ? (enteredStage ?? modified) : undefined,
      crmRefs: id && /^\d+$/.test(id) ? [{ system: 'hubspot', objectType: 'contact', id }] : undefined,
    }),
  };
}

/** One pulled HubSpot item: a contact upserts the lead; opens, clicks and form submissions are engagement. */
export function mapHubspotItem(name: string, payload: unknown, settings: SourceSettings): Outcome {
  if (!isRecord(payload)) return { kind: 'skipped', reason: `${name}: not an object` };
  if (name === HUBSPOT_NAMES.contact) return contact(payload);
  const target = resolveMapping(name, settings.mapping);
  if (target === undefined) {
    // Email events other than opens and clicks (sent, delivered, bounced…) are counted, not stored.
    return name.startsWith('hubspot.email.')
      ? { kind: 'skipped', reason: `${name.slice('hubspot.email.'.length)} is not engagement` }
      : { kind: 'unmapped' };
  }
  if (target === 'ignore') return { kind: 'skipped', reason: `${name} is ignored by the mapping` };
  if (name === HUBSPOT_NAMES.form) {
    const email = text(payload.email);
    if (!email) return { kind: 'skipped', reason: 'form submission without an email field' };
    return {
      kind: 'event',
      event: defined({
        email,
        type: target,
        occurredAt: iso(payload.submittedAt),
        content: content(
          `hubspot-form-${text(payload.formGuid) ?? 'unknown'}`,
          text(payload.formName),
          payload.pageUrl,
        ),
      }),
    };
  }
  const email = text(payload.recipient);
  if (!email) return { kind: 'skipped', reason: `${name} without a recipient` };
  const campaign = text(payload.emailCampaignId);
  return {
    kind: 'event',
    event: defined({
      email,
      type: target,
      occurredAt: iso(payload.created),
      content: content(
        campaign ? `hubspot-email-${campaign}` : undefined,
        text(payload.subject, payload.emailName, campaign && `HubSpot email ${campaign}`),
        payload.url,
      ),
    }),
  };
}
