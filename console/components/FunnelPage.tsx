import { useCallback, useMemo, useState } from 'react';
import type { Funnel, FunnelHistory, FunnelMetrics } from '../../lib/contract/funnel.ts';
import { routes } from '../../lib/contract/routes.ts';
import type { ApiResult } from '../lib/api.ts';
import { funnelFlow } from '../lib/charts.ts';
import { canEditFunnel } from '../lib/funnel.ts';
import { useSession } from '../lib/session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { FunnelWeeklyFlow } from './charts/FunnelWeeklyFlow.tsx';
import { FunnelEditor } from './FunnelEditor.tsx';
import { FunnelFlow } from './FunnelFlow.tsx';
import { FunnelHistoryList } from './FunnelHistoryList.tsx';
import { FunnelSignoff } from './FunnelSignoff.tsx';
import { FunnelStages } from './FunnelStages.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import '../funnel.css';

interface FunnelData {
  funnel: Funnel;
  metrics: FunnelMetrics;
  history: FunnelHistory;
}

const WEEKS = 12;

/** "Funnel": the stages both teams signed, how leads move through them, and the sign-off. */
export function FunnelPage() {
  const { api } = useSession();
  const load = useCallback(async (): Promise<ApiResult<FunnelData>> => {
    const [funnel, metrics, history] = await Promise.all([
      api.call(routes.getFunnel),
      api.call(routes.funnelMetrics, { query: { weeks: WEEKS } }),
      api.call(routes.funnelHistory),
    ]);
    if (!funnel.ok) return funnel;
    if (!metrics.ok) return metrics;
    if (!history.ok) return history;
    return { ok: true, status: 200, data: { funnel: funnel.data, metrics: metrics.data, history: history.data } };
  }, [api]);
  const { loaded, reload } = useLoad(load);
  return (
    <>
      <div className="console-page-head">
        <h1>Funnel</h1>
        <button type="button" className="cf-button cf-button--small" onClick={reload}>
          Refresh
        </button>
      </div>
      <p className="console-hint">
        The lifecycle stages marketing and sales agree on, and how leads moved through them in the last {WEEKS} weeks.
      </p>
      {loaded.state === 'loading' && <p className="console-loading">Loading the funnel…</p>}
      {loaded.state === 'failed' && <ProblemAlert problem={loaded.problem} what="Could not load the funnel." />}
      {loaded.state === 'ready' && <FunnelView data={loaded.data} reload={reload} />}
    </>
  );
}

function FunnelView({ data, reload }: { data: FunnelData; reload: () => void }) {
  const { me } = useSession();
  const [editing, setEditing] = useState(false);
  const flow = useMemo(
    () =>
      funnelFlow(
        data.metrics,
        data.funnel.stages.map((s) => s.stage),
      ),
    [data.metrics, data.funnel.stages],
  );
  const changed = () => {
    setEditing(false);
    reload();
  };
  return (
    <>
      <FunnelFlow funnel={data.funnel} metrics={data.metrics} />
      <FunnelWeeklyFlow stages={flow} weeks={data.metrics.weeks} />
      <FunnelSignoff funnel={data.funnel} onChanged={changed} />
      {editing ? (
        <FunnelEditor funnel={data.funnel} onSaved={changed} onCancel={() => setEditing(false)} />
      ) : (
        <>
          {canEditFunnel(me.role) && (
            <button type="button" className="cf-button" onClick={() => setEditing(true)}>
              Edit definitions
            </button>
          )}
          <FunnelStages funnel={data.funnel} />
        </>
      )}
      <FunnelHistoryList versions={data.history.versions} />
    </>
  );
}
