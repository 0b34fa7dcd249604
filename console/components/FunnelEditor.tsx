import { type FormEvent, useState } from 'react';
import type { Problem } from '../../lib/contract/common.ts';
import { type Funnel, FunnelInput, type FunnelStage } from '../../lib/contract/funnel.ts';
import { routes } from '../../lib/contract/routes.ts';
import { ifMatch } from '../../lib/contract/version-tag.ts';
import { fieldErrors, saveFailureText } from '../lib/errors.ts';
import { useSession } from '../lib/session.tsx';
import { Field } from './Field.tsx';

interface FunnelEditorProps {
  funnel: Funnel;
  onSaved: (funnel: Funnel) => void;
  onCancel: () => void;
}

type TextKey = 'name' | 'definition' | 'entryCriteria' | 'handoff';
const TEXTS: readonly { key: TextKey; label: string; multiline: boolean }[] = [
  { key: 'name', label: 'Name', multiline: false },
  { key: 'definition', label: 'Definition', multiline: true },
  { key: 'entryCriteria', label: 'Entry criteria', multiline: true },
  { key: 'handoff', label: 'Hand-off rule', multiline: true },
];

/** Edits every stage at once; saving makes a new version and clears both signatures. */
export function FunnelEditor({ funnel, onSaved, onCancel }: FunnelEditorProps) {
  const { api } = useSession();
  const [stages, setStages] = useState<FunnelStage[]>(() => funnel.stages.map((s) => ({ ...s })));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [failure, setFailure] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const edit = (index: number, patch: Partial<FunnelStage>) =>
    setStages((list) => list.map((s, i) => (i === index ? { ...s, ...patch } : s)));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const input = FunnelInput.safeParse({ stages, ...(note.trim() ? { note } : {}) });
    if (!input.success) {
      setErrors(fieldErrors(input.error));
      return;
    }
    setErrors({});
    setBusy(true);
    const result = await api.call(routes.replaceFunnel, { body: input.data, headers: ifMatch(funnel.version) });
    setBusy(false);
    if (result.ok) onSaved(result.data);
    else setFailure(result.problem);
  };

  return (
    <form className="console-form funnel-editor" onSubmit={save} noValidate aria-label="Edit the funnel">
      <p className="console-note">
        Saving makes version {funnel.version + 1}. Both signatures are cleared: marketing and sales sign again.
      </p>
      {stages.map((stage, index) => (
        <fieldset key={stage.stage} className="console-fieldset">
          <legend>{funnel.stages[index]?.name ?? stage.name}</legend>
          {TEXTS.map(({ key, label, multiline }) => (
            <Field key={key} label={label} error={errors[`stages.${index}.${key}`]}>
              {(props) =>
                multiline ? (
                  <textarea
                    {...props}
                    className="console-input"
                    rows={2}
                    value={stage[key]}
                    onChange={(e) => edit(index, { [key]: e.target.value })}
                  />
                ) : (
                  <input
                    {...props}
                    className="console-input"
                    value={stage[key]}
                    onChange={(e) => edit(index, { [key]: e.target.value })}
                  />
                )
              }
            </Field>
          ))}
          <Field label="Owner">
            {(props) => (
              <select
                {...props}
                className="console-input"
                value={stage.owner}
                onChange={(e) => edit(index, { owner: e.target.value === 'sales' ? 'sales' : 'marketing' })}
              >
                <option value="marketing">Marketing</option>
                <option value="sales">Sales</option>
              </select>
            )}
          </Field>
        </fieldset>
      ))}
      <Field label="What changed and why" hint="Shown in the version history.">
        {(props) => (
          <input {...props} className="console-input" value={note} onChange={(e) => setNote(e.target.value)} />
        )}
      </Field>
      {Object.keys(errors).length > 0 && (
        <p className="console-error" role="alert">
          Some fields need attention: {Object.values(errors)[0]}
        </p>
      )}
      {failure && (
        <p className="console-error" role="alert">
          {saveFailureText(failure)}
        </p>
      )}
      <div className="console-actions">
        <button type="submit" className="cf-button cf-button--primary" disabled={busy}>
          {busy ? 'Saving…' : `Save as version ${funnel.version + 1}`}
        </button>
        <button type="button" className="cf-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
