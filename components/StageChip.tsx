import { useId, useState } from 'react';
import type { LifecycleStage } from '../lib/contract/common.ts';
import type { StageDefinition } from '../lib/contract/funnel.ts';
import { t } from '../lib/ui/i18n.ts';
import { stageLabel } from '../lib/ui/labels.ts';
import './StageChip.css';

interface StageChipProps {
  stage: LifecycleStage;
  /** The funnel's definition of this stage, from the lookup; absent when the funnel has none. */
  definition?: StageDefinition | undefined;
}

/**
 * The lead's lifecycle stage as a chip a rep can hover or tab to: its tooltip gives the definition
 * both teams signed, or says plainly that the current version is not agreed yet. Escape hides it.
 * Without a definition (an older endpoint, or a stage the funnel leaves out) it is a plain chip.
 */
export function StageChip({ stage, definition }: StageChipProps) {
  const tipId = useId();
  const [dismissed, setDismissed] = useState(false);
  if (!definition) {
    return (
      <li className="cf-chip cf-chip--stage">
        <span className="cf-visually-hidden">{t('lifecycleStagePrefix')}</span>
        {stageLabel(stage)}
      </li>
    );
  }
  return (
    <li className="cf-chip cf-chip--stage cf-stage-chip" onMouseLeave={() => setDismissed(false)}>
      <button
        type="button"
        className="cf-stage-chip__button"
        aria-describedby={tipId}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setDismissed(true);
        }}
        onBlur={() => setDismissed(false)}
      >
        <span className="cf-visually-hidden">{t('lifecycleStagePrefix')}</span>
        {stageLabel(stage)}
      </button>
      <span id={tipId} role="tooltip" className="cf-stage-tip" data-dismissed={dismissed ? '' : undefined}>
        <StageTip definition={definition} />
      </span>
    </li>
  );
}

function StageTip({ definition }: { definition: StageDefinition }) {
  const owner = t(definition.owner === 'marketing' ? 'stageOwnerMarketing' : 'stageOwnerSales');
  return (
    <>
      <span className="cf-stage-tip__name">
        <strong>{definition.name}</strong> ({owner}){' '}
      </span>
      <span>{definition.definition} </span>
      <span>{t('stageTipEntry', definition.entryCriteria)} </span>
      {definition.agreed ? (
        <span className="cf-stage-tip__status">{t('stageTipAgreed', definition.version)}</span>
      ) : (
        <span className="cf-stage-tip__status cf-stage-tip__status--pending">
          {t('stageTipNotAgreed', definition.version)}
        </span>
      )}
    </>
  );
}
