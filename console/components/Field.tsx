import { type ReactNode, useId } from 'react';

interface FieldProps {
  label: string;
  hint?: string;
  error?: string;
  /** Renders the control, given the ids it must carry so the label, hint and error belong to it. */
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid': boolean }) => ReactNode;
}

/** A labelled control with its hint and its error, wired for screen readers. */
export function Field({ label, hint, error, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="console-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': Boolean(error) })}
      {hint && (
        <p id={hintId} className="console-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="console-field-error">
          {error}
        </p>
      )}
    </div>
  );
}
