import { type FieldLook, type FieldProps, LabelledField } from '../../lib/ui/LabelledField.tsx';

const CONSOLE_FIELD: FieldLook = { field: 'console-field', hint: 'console-hint', error: 'console-field-error' };

/** A console form's labelled control with its hint and its error. */
export function Field(props: FieldProps) {
  return <LabelledField look={CONSOLE_FIELD} {...props} />;
}
