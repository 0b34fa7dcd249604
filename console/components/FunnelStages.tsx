import type { Funnel } from '../../lib/contract/funnel.ts';
import { TEAM_LABEL } from '../lib/funnel.ts';

/** Each stage's definition, entry criteria, owner and hand-off rule, as both teams read them. */
export function FunnelStages({ funnel }: { funnel: Funnel }) {
  return (
    <section aria-labelledby="funnel-definitions-title">
      <h2 id="funnel-definitions-title">Definitions</h2>
      <dl className="funnel-definitions">
        {funnel.stages.map((stage) => (
          <div key={stage.stage} className="funnel-definition">
            <dt>
              <h3>{stage.name}</h3>
              <span className="console-hint">Owned by {TEAM_LABEL[stage.owner].toLowerCase()}</span>
            </dt>
            <dd>
              <p>{stage.definition}</p>
              <p>
                <strong>Entry criteria:</strong> {stage.entryCriteria}
              </p>
              {stage.handoff && (
                <p>
                  <strong>Hand-off:</strong> {stage.handoff}
                </p>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
