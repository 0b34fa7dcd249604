import { t } from '../../lib/ui/i18n.ts';

/** What sits beside a control IT locked: who set it and why the rep cannot change it. */
export function ManagedBadge({ id, why }: { id: string; why: string }) {
  return (
    <p id={id} className="cf-managed">
      <strong>{t('optionsManagedLabel')}</strong> {why}
    </p>
  );
}
