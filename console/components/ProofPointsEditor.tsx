import { useRef } from 'react';
import type { FieldErrors } from '../lib/errors.ts';

interface ProofPointsEditorProps {
  points: readonly string[];
  errors: FieldErrors;
  onChange: (points: string[]) => void;
}

export const MAX_PROOF_POINTS = 10;

/** Proof points: add, remove, and move up or down (buttons, so it works by keyboard). */
export function ProofPointsEditor({ points, errors, onChange }: ProofPointsEditorProps) {
  const list = useRef<HTMLOListElement>(null);
  const focusInput = (index: number) =>
    requestAnimationFrame(() => list.current?.querySelectorAll('input')[index]?.focus());
  const move = (from: number, to: number) => {
    const next = [...points];
    const [item] = next.splice(from, 1);
    if (item === undefined) return;
    next.splice(to, 0, item);
    onChange(next);
    focusInput(to);
  };
  return (
    <fieldset className="console-fieldset">
      <legend>Proof points</legend>
      {points.length === 0 && <p className="console-hint">No proof points yet. Reps see them as a short list.</p>}
      <ol className="console-proof" ref={list}>
        {points.map((point, index) => {
          const error = errors[`message.proofPoints.${index}`];
          const label = `Proof point ${index + 1}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity of a proof point being edited
            <li key={index} className="console-proof__item">
              <input
                className="console-input"
                aria-label={label}
                value={point}
                aria-invalid={Boolean(error)}
                onChange={(event) => onChange(points.map((p, i) => (i === index ? event.target.value : p)))}
              />
              <button
                type="button"
                className="cf-button cf-button--small"
                aria-label={`Move ${label.toLowerCase()} up`}
                disabled={index === 0}
                onClick={() => move(index, index - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="cf-button cf-button--small"
                aria-label={`Move ${label.toLowerCase()} down`}
                disabled={index === points.length - 1}
                onClick={() => move(index, index + 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="cf-button cf-button--small"
                aria-label={`Remove ${label.toLowerCase()}`}
                onClick={() => onChange(points.filter((_, i) => i !== index))}
              >
                Remove
              </button>
              {error && <p className="console-field-error">{`${label}: ${error}`}</p>}
            </li>
          );
        })}
      </ol>
      {errors['message.proofPoints'] && <p className="console-field-error">{errors['message.proofPoints']}</p>}
      <button
        type="button"
        className="cf-button cf-button--small"
        disabled={points.length >= MAX_PROOF_POINTS}
        onClick={() => {
          onChange([...points, '']);
          focusInput(points.length);
        }}
      >
        Add proof point
      </button>
    </fieldset>
  );
}
