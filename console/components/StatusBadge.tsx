/** A status word with a colour that is never the only signal. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`console-badge console-badge--${status}`}>{status}</span>;
}
