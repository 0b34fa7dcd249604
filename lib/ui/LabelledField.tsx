import { type ReactNode, useId } from 'react';

/** The ids and state a control must carry so that its label, hint and error belong to it. */
export interface FieldControl {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid': boolean;
}

/** The class names one page gives the parts of its fields. */
export interface FieldLook {
  field: string;
  hint: string;
  error: string;
}

export interface FieldProps {
  label: string;
  hint?: string;
  error?: string | null;
  /** Say the error as it appears (role="alert"): for an error that answers the form's submission. */
  announceError?: boolean;
  /** Renders the control, given the ids and state it must carry. */
  children: (control: FieldControl) => ReactNode;
}

/** A labelled control with its hint and its error, wired for screen readers. */
export function LabelledField({
  look,
  label,
  hint,
  error,
  announceError = false,
  children,
}: FieldProps & { look: FieldLook }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={look.field}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': Boolean(error) })}
      {hint && (
        <p id={hintId} className={look.hint}>
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className={look.error} role={announceError ? 'alert' : undefined}>
          {error}
        </p>
      )}
    </div>
  );
}
