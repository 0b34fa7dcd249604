/** What sits beside a control IT locked: who set it and why the rep cannot change it. */
export const MANAGED_LABEL = "Set by your company's IT (managed policy)";

export function ManagedBadge({ id, why }: { id: string; why: string }) {
  return (
    <p id={id} className="cf-managed">
      <strong>{MANAGED_LABEL}</strong> {why}
    </p>
  );
}
