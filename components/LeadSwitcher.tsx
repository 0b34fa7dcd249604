import { useId } from 'react';
import type { PageLead } from '../lib/messages.ts';
import { t } from '../lib/ui/i18n.ts';
import { pageLeadLabel } from '../lib/ui/labels.ts';

interface LeadSwitcherProps {
  leads: PageLead[];
  selected: number;
  onSelect: (index: number) => void;
}

/** Lets the rep pick which of the page's people to brief on; hidden when the page shows only one. */
export function LeadSwitcher({ leads, selected, onSelect }: LeadSwitcherProps) {
  const selectId = useId();
  if (leads.length < 2) return null;
  return (
    <div className="cf-switcher">
      <label htmlFor={selectId} className="cf-switcher__label">
        {t('switcherLabel')}
      </label>
      <select
        id={selectId}
        className="cf-input cf-switcher__select"
        value={selected}
        onChange={(event) => onSelect(Number(event.currentTarget.value))}
      >
        {leads.map((lead, index) => (
          // The page's order is the identity the background knows leads by.
          // biome-ignore lint/suspicious/noArrayIndexKey: index is the lead's identity here
          <option key={index} value={index}>
            {pageLeadLabel(lead)}
          </option>
        ))}
      </select>
    </div>
  );
}
