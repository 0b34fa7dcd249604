import { CampaignStatus } from '../../lib/contract/campaigns.ts';
import type { CampaignForm } from '../lib/campaignForm.ts';
import type { FieldErrors } from '../lib/errors.ts';
import { Field } from './Field.tsx';
import { ProofPointsEditor } from './ProofPointsEditor.tsx';

interface CampaignFieldsProps {
  form: CampaignForm;
  errors: FieldErrors;
  isNew: boolean;
  onChange: (form: CampaignForm) => void;
}

const STATUS_HINT = {
  draft: 'Draft: reps never see it.',
  active: 'Active: reps see it for leads in the campaign, within its dates.',
  ended: 'Ended: reps no longer see it.',
} as const;

/** The campaign's fields; errors come keyed by the contract's field paths. */
export function CampaignFields({ form, errors, isNew, onChange }: CampaignFieldsProps) {
  const set = <K extends keyof CampaignForm>(name: K, value: CampaignForm[K]) => onChange({ ...form, [name]: value });
  return (
    <>
      <fieldset className="console-fieldset">
        <legend>Campaign</legend>
        {isNew && (
          <Field label="Key" hint="A short id used in CRM syncs and links, e.g. q1-cost-cutting." error={errors.key}>
            {(ids) => (
              <input
                {...ids}
                className="console-input"
                value={form.key}
                onChange={(event) => set('key', event.target.value)}
              />
            )}
          </Field>
        )}
        <Field label="Name" error={errors.name}>
          {(ids) => (
            <input {...ids} className="console-input" value={form.name} onChange={(e) => set('name', e.target.value)} />
          )}
        </Field>
        <Field label="Status" hint={STATUS_HINT[form.status]} error={errors.status}>
          {(ids) => (
            <select
              {...ids}
              className="console-input"
              value={form.status}
              onChange={(event) => {
                const status = CampaignStatus.safeParse(event.target.value);
                if (status.success) set('status', status.data);
              }}
            >
              {CampaignStatus.options.map((status) => (
                <option key={status} value={status}>
                  {status}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="console-row">
          <Field label="Starts" error={errors.startsAt}>
            {(ids) => (
              <input
                {...ids}
                type="datetime-local"
                className="console-input"
                value={form.startsAt}
                onChange={(e) => set('startsAt', e.target.value)}
              />
            )}
          </Field>
          <Field label="Ends" error={errors.endsAt}>
            {(ids) => (
              <input
                {...ids}
                type="datetime-local"
                className="console-input"
                value={form.endsAt}
                onChange={(e) => set('endsAt', e.target.value)}
              />
            )}
          </Field>
        </div>
      </fieldset>
      <fieldset className="console-fieldset">
        <legend>Message</legend>
        <Field label="Headline" error={errors['message.headline']}>
          {(ids) => (
            <input
              {...ids}
              className="console-input"
              value={form.headline}
              onChange={(e) => set('headline', e.target.value)}
            />
          )}
        </Field>
        <Field label="Pitch" hint="Plain text; reps read it as written." error={errors['message.pitch']}>
          {(ids) => (
            <textarea
              {...ids}
              className="console-input"
              rows={4}
              value={form.pitch}
              onChange={(e) => set('pitch', e.target.value)}
            />
          )}
        </Field>
        <ProofPointsEditor
          points={form.proofPoints}
          errors={errors}
          onChange={(points) => set('proofPoints', points)}
        />
        <div className="console-row">
          <Field label="Call to action label" error={errors['message.cta.label']}>
            {(ids) => (
              <input
                {...ids}
                className="console-input"
                value={form.ctaLabel}
                onChange={(e) => set('ctaLabel', e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Call to action URL"
            hint="Leave both empty for no call to action."
            error={errors['message.cta.url']}
          >
            {(ids) => (
              <input
                {...ids}
                type="url"
                className="console-input"
                value={form.ctaUrl}
                onChange={(e) => set('ctaUrl', e.target.value)}
              />
            )}
          </Field>
        </div>
      </fieldset>
    </>
  );
}
