import type { LifecycleStage, Segments } from '../lib/contract/common.ts';
import type { StageDefinition } from '../lib/contract/funnel.ts';
import type { LeadProfile } from '../lib/contract/lookup.ts';
import { t } from '../lib/ui/i18n.ts';
import { SEGMENT_ORDER, segmentLabel } from '../lib/ui/labels.ts';
import { formatDateTime, relativeTime } from '../lib/ui/time.ts';
import { StageChip } from './StageChip.tsx';

interface LeadHeaderProps {
  lead: LeadProfile;
  lastTouchAt: string | null;
  now: number;
  /** The funnel's definition of the lead's stage, for the stage chip's tooltip. */
  stageDefinition?: StageDefinition | undefined;
}

export function LeadHeader({ lead, lastTouchAt, now, stageDefinition }: LeadHeaderProps) {
  const role = [lead.title, lead.company].filter((part): part is string => Boolean(part));
  return (
    <header className="cf-lead">
      <h1 className="cf-lead__name">{lead.name ?? lead.email}</h1>
      {role.length > 0 && <p className="cf-lead__role">{role.length === 2 ? t('leadRoleAt', role) : role.join('')}</p>}
      {lead.name && <p className="cf-lead__email">{lead.email}</p>}
      <LeadChips stage={lead.lifecycleStage} segments={lead.segments} definition={stageDefinition} />
      <p className="cf-lead__touched cf-meta">
        {lastTouchAt ? (
          <time dateTime={lastTouchAt} title={formatDateTime(lastTouchAt)}>
            {t('lastTouched', relativeTime(lastTouchAt, now))}
          </time>
        ) : (
          t('neverTouched')
        )}
      </p>
    </header>
  );
}

function LeadChips({
  stage,
  segments,
  definition,
}: {
  stage: LifecycleStage | null;
  segments: Segments;
  definition: StageDefinition | undefined;
}) {
  const segmentEntries = SEGMENT_ORDER.flatMap((key) => {
    const value = segments[key];
    return value ? [{ key, value }] : [];
  });
  if (!stage && segmentEntries.length === 0) return null;
  return (
    <ul className="cf-chips" aria-label={t('leadProfile')}>
      {stage && <StageChip stage={stage} definition={definition} />}
      {segmentEntries.map(({ key, value }) => (
        <li key={key} className="cf-chip">
          <span className="cf-visually-hidden">{t('segmentPrefix', segmentLabel(key))}</span>
          {value}
        </li>
      ))}
    </ul>
  );
}
