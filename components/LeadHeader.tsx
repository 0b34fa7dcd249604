import type { LifecycleStage, Segments } from '../lib/contract/common.ts';
import type { LeadProfile } from '../lib/contract/lookup.ts';
import { STAGE_LABEL } from '../lib/ui/labels.ts';

interface LeadHeaderProps {
  lead: LeadProfile;
}

const SEGMENT_LABEL: Record<keyof Segments, string> = { industry: 'Industry', persona: 'Persona', region: 'Region' };

export function LeadHeader({ lead }: LeadHeaderProps) {
  const role = [lead.title, lead.company].filter((part): part is string => Boolean(part)).join(' at ');
  return (
    <header className="cf-lead">
      <h1 className="cf-lead__name">{lead.name ?? lead.email}</h1>
      {role && <p className="cf-lead__role">{role}</p>}
      {lead.name && <p className="cf-lead__email">{lead.email}</p>}
      <LeadChips stage={lead.lifecycleStage} segments={lead.segments} />
    </header>
  );
}

function LeadChips({ stage, segments }: { stage: LifecycleStage | null; segments: Segments }) {
  const segmentEntries = (Object.keys(SEGMENT_LABEL) as (keyof Segments)[]).flatMap((key) => {
    const value = segments[key];
    return value ? [{ key, value }] : [];
  });
  if (!stage && segmentEntries.length === 0) return null;
  return (
    <ul className="cf-chips" aria-label="Lead profile">
      {stage && (
        <li className="cf-chip cf-chip--stage">
          <span className="cf-visually-hidden">Lifecycle stage: </span>
          {STAGE_LABEL[stage]}
        </li>
      )}
      {segmentEntries.map(({ key, value }) => (
        <li key={key} className="cf-chip">
          <span className="cf-visually-hidden">{SEGMENT_LABEL[key]}: </span>
          {value}
        </li>
      ))}
    </ul>
  );
}
