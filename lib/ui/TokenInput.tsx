import type { FieldControl } from './LabelledField.tsx';

interface TokenInputProps extends FieldControl {
  className: string;
  value: string;
  onChange: (value: string) => void;
}

/** An access token pasted in: hidden as it is typed, and neither kept nor spell-checked by the browser. */
export function TokenInput({ onChange, ...props }: TokenInputProps) {
  return (
    <input
      {...props}
      type="password"
      autoComplete="off"
      spellCheck={false}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}
