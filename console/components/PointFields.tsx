import type { Campaign } from '../../lib/contract/campaigns.ts';
import { LifecycleStage } from '../../lib/contract/common.ts';
import { EventType } from '../../lib/contract/events.ts';
import { eventCountLabel, stageLabel } from '../../lib/ui/labels.ts';
import type { FieldErrors } from '../lib/errors.ts';
import type { KnownValues } from '../lib/knownValues.ts';
import { EVENT_TYPES, type ListField, type PointForm, STAGES } from '../lib/pointForm.ts';
import { Field } from './Field.tsx';
import { Picker } from './Picker.tsx';

interface PointFieldsProps {
  form: PointForm;
  errors: FieldErrors;
  campaigns: readonly Campaign[];
  known: KnownValues;
  onChange: (form: PointForm) => void;
}

/** The first error for a list field or any of its items. */
function listError(errors: FieldErrors, path: string): string | undefined {
  const key = Object.keys(errors).find((k) => k === path || k.startsWith(`${path}.`));
  return key ? errors[key] : undefined;
}

const stage = (value: string) => {
  const parsed = LifecycleStage.safeParse(value);
  return parsed.success ? stageLabel(parsed.data) : value;
};
const eventType = (value: string) => {
  const parsed = EventType.safeParse(value);
  return parsed.success ? eventCountLabel(parsed.data) : value;
};

/** Title, body, campaign, priority, window, audience and triggers of a talking point. */
export function PointFields({ form, errors, campaigns, known, onChange }: PointFieldsProps) {
  const set = <K extends keyof PointForm>(name: K, value: PointForm[K]) => onChange({ ...form, [name]: value });
  const list = (name: ListField) => (picked: string[]) => set(name, picked);
  return (
    <>
      <fieldset className="console-fieldset">
        <legend>What reps read</legend>
        <Field label="Title" error={errors.title}>
          {(ids) => (
            <input
              {...ids}
              className="console-input"
              value={form.title}
              onChange={(e) => set('title', e.target.value)}
            />
          )}
        </Field>
        <Field label="Body" hint="Plain text, what a rep can say or paste." error={errors.body}>
          {(ids) => (
            <textarea
              {...ids}
              className="console-input"
              rows={4}
              value={form.body}
              onChange={(e) => set('body', e.target.value)}
            />
          )}
        </Field>
        <div className="console-row">
          <Field label="Campaign" hint="Points of a draft or ended campaign are not suggested." error={errors.campaign}>
            {(ids) => (
              <select
                {...ids}
                className="console-input"
                value={form.campaign}
                onChange={(e) => set('campaign', e.target.value)}
              >
                <option value="">No campaign (always on)</option>
                {campaigns.map((campaign) => (
                  <option key={campaign.key} value={campaign.key}>
                    {campaign.name} ({campaign.status})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Priority" hint="1 (low) to 5 (high)." error={errors.priority}>
            {(ids) => (
              <select
                {...ids}
                className="console-input"
                value={form.priority}
                onChange={(e) => set('priority', Number(e.target.value))}
              >
                {[1, 2, 3, 4, 5].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </fieldset>
      <fieldset className="console-fieldset">
        <legend>Schedule</legend>
        <p className="console-hint">A live point reaches reps only within this window; leave empty for no limit.</p>
        <div className="console-row">
          <Field label="Valid from" error={errors.validFrom}>
            {(ids) => (
              <input
                {...ids}
                type="datetime-local"
                className="console-input"
                value={form.validFrom}
                onChange={(e) => set('validFrom', e.target.value)}
              />
            )}
          </Field>
          <Field label="Valid to" error={errors.validTo}>
            {(ids) => (
              <input
                {...ids}
                type="datetime-local"
                className="console-input"
                value={form.validTo}
                onChange={(e) => set('validTo', e.target.value)}
              />
            )}
          </Field>
        </div>
      </fieldset>
      <fieldset className="console-fieldset">
        <legend>Audience</legend>
        <p className="console-hint">Leave a group empty to include everyone.</p>
        <Picker
          legend="Personas"
          options={known.personas}
          picked={form.personas}
          allowOther
          error={listError(errors, 'audience.personas')}
          onChange={list('personas')}
        />
        <Picker
          legend="Industries"
          options={known.industries}
          picked={form.industries}
          allowOther
          error={listError(errors, 'audience.industries')}
          onChange={list('industries')}
        />
        <Picker
          legend="Regions"
          options={known.regions}
          picked={form.regions}
          allowOther
          error={listError(errors, 'audience.regions')}
          onChange={list('regions')}
        />
        <Picker
          legend="Lifecycle stages"
          options={STAGES}
          picked={form.lifecycleStages}
          label={stage}
          error={listError(errors, 'audience.lifecycleStages')}
          onChange={list('lifecycleStages')}
        />
      </fieldset>
      <fieldset className="console-fieldset">
        <legend>Triggers</legend>
        <p className="console-hint">What a lead did that makes this point worth saying.</p>
        <Picker
          legend="Content"
          options={known.contentIds}
          picked={form.contentIds}
          allowOther
          error={listError(errors, 'triggers.contentIds')}
          onChange={list('contentIds')}
        />
        <Picker
          legend="Topics"
          options={known.topics}
          picked={form.topics}
          allowOther
          error={listError(errors, 'triggers.topics')}
          onChange={list('topics')}
        />
        <Picker
          legend="Event types"
          options={EVENT_TYPES}
          picked={form.eventTypes}
          label={eventType}
          error={listError(errors, 'triggers.eventTypes')}
          onChange={list('eventTypes')}
        />
      </fieldset>
    </>
  );
}
