import { useCallback } from 'react';
import type { Campaign } from '../../lib/contract/campaigns.ts';
import type { FeedbackSummary } from '../../lib/contract/feedback.ts';
import { routes } from '../../lib/contract/routes.ts';
import type { TalkingPoint } from '../../lib/contract/talking-points.ts';
import type { ApiResult } from '../lib/api.ts';
import { listCampaigns, listTalkingPoints } from '../lib/endpoint.ts';
import { knownValues } from '../lib/knownValues.ts';
import { useSession } from '../lib/session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { Link } from './Link.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import { TalkingPointEditor } from './TalkingPointEditor.tsx';

interface EditorData {
  point: TalkingPoint | null;
  campaigns: Campaign[];
  points: TalkingPoint[];
  summary: FeedbackSummary | null;
}

/** Loads the point (or starts a new one) and what the pickers offer. */
export function TalkingPointEditorPage({ pointId }: { pointId: string | null }) {
  const { api } = useSession();
  const load = useCallback(async (): Promise<ApiResult<EditorData>> => {
    const [point, campaigns, points, summary] = await Promise.all([
      pointId === null ? Promise.resolve(null) : api.call(routes.getTalkingPoint, { params: { id: pointId } }),
      listCampaigns(api),
      listTalkingPoints(api),
      api.call(routes.feedbackSummary),
    ]);
    if (point && !point.ok) return point;
    if (!campaigns.ok) return campaigns;
    if (!points.ok) return points;
    return {
      ok: true,
      status: 200,
      data: {
        point: point?.data ?? null,
        campaigns: campaigns.data,
        points: points.data,
        // Segments from verdicts only widen the pickers; the editor works without them.
        summary: summary.ok ? summary.data : null,
      },
    };
  }, [api, pointId]);
  const { loaded } = useLoad(load);
  return (
    <>
      <p className="console-crumbs">
        <Link to={{ page: 'points' }}>← All talking points</Link>
      </p>
      {loaded.state === 'loading' && <p className="console-loading">Loading the talking point…</p>}
      {loaded.state === 'failed' && <ProblemAlert problem={loaded.problem} what="Could not load this talking point." />}
      {loaded.state === 'ready' && (
        <TalkingPointEditor
          point={loaded.data.point}
          campaigns={loaded.data.campaigns}
          known={knownValues(loaded.data.points, loaded.data.summary)}
        />
      )}
    </>
  );
}
