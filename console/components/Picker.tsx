import { useId, useState } from 'react';

interface PickerProps {
  legend: string;
  hint?: string;
  /** The values the endpoint knows; picked values not among them are listed too. */
  options: readonly string[];
  picked: readonly string[];
  label?: (value: string) => string;
  /** Allow a value the endpoint has not seen yet (segments and triggers, not enums). */
  allowOther?: boolean;
  error?: string;
  onChange: (picked: string[]) => void;
}

/** Pick from known values with checkboxes; adding an unknown value is possible, and said to be unknown. */
export function Picker({ legend, hint, options, picked, label = (v) => v, allowOther, error, onChange }: PickerProps) {
  const [other, setOther] = useState('');
  const otherId = useId();
  const errorId = useId();
  const all = [...options, ...picked.filter((value) => !options.includes(value))];
  const add = () => {
    const value = other.trim();
    if (value && !picked.includes(value)) onChange([...picked, value]);
    setOther('');
  };
  return (
    <fieldset className="console-fieldset console-picker" aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      {hint && <p className="console-hint">{hint}</p>}
      {all.length === 0 && <p className="console-hint">The endpoint knows no values here yet.</p>}
      <ul className="console-picker__options">
        {all.map((value) => (
          <li key={value}>
            <label className="console-check">
              <input
                type="checkbox"
                checked={picked.includes(value)}
                onChange={(event) =>
                  onChange(event.target.checked ? [...picked, value] : picked.filter((p) => p !== value))
                }
              />
              {label(value)}
              {!options.includes(value) && <span className="console-hint"> (not seen by the endpoint yet)</span>}
            </label>
          </li>
        ))}
      </ul>
      {allowOther && (
        <div className="console-picker__other">
          <label htmlFor={otherId}>Other value</label>
          <input
            id={otherId}
            className="console-input"
            value={other}
            onChange={(event) => setOther(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
          <button type="button" className="cf-button cf-button--small" onClick={add}>
            Add
          </button>
        </div>
      )}
      {error && (
        <p id={errorId} className="console-field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
