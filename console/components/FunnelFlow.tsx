import type { Funnel, FunnelMetrics } from '../../lib/contract/funnel.ts';
import { formatRate } from '../lib/format.ts';
import { TEAM_LABEL } from '../lib/funnel.ts';

interface FunnelFlowProps {
  funnel: Funnel;
  metrics: FunnelMetrics | null;
}

const days = (value: number | null) => (value === null ? '—' : `${value} d`);

/** The stages left to right, as boxes joined by arrows that carry the stage-to-stage conversion. */
export function FunnelFlow({ funnel, metrics }: FunnelFlowProps) {
  const byStage = new Map(metrics?.stages.map((s) => [s.stage, s]));
  return (
    <ol className="funnel-flow" aria-label="Funnel stages, in order">
      {funnel.stages.map((stage, index) => {
        const m = byStage.get(stage.stage);
        const next = funnel.stages[index + 1];
        const entered = m?.weeks.reduce((sum, w) => sum + w.entered, 0) ?? 0;
        return (
          <li key={stage.stage} className="funnel-flow__item">
            <div className={`funnel-box funnel-box--${stage.owner}`}>
              <h3 className="funnel-box__name">{stage.name}</h3>
              <p className="funnel-box__owner">{TEAM_LABEL[stage.owner]}</p>
              <p className="funnel-box__count">
                <strong>{m?.current ?? 0}</strong> now
              </p>
              <p className="console-hint">
                {entered} entered · median {days(m?.medianDaysInStage ?? null)}
              </p>
            </div>
            {next && m?.conversion && (
              <p className="funnel-arrow">
                <span aria-hidden="true">→</span>
                <span>
                  {formatRate(m.conversion.rate)}
                  <span className="cf-visually-hidden">
                    {' '}
                    of {stage.name} reached {next.name}
                  </span>
                </span>
                <span className="console-hint">
                  {m.conversion.reached}/{m.conversion.entered}
                </span>
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
