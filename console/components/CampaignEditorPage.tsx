import { useCallback } from 'react';
import type { Campaign } from '../../lib/contract/campaigns.ts';
import { routes } from '../../lib/contract/routes.ts';
import type { ApiResult } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { CampaignEditor } from './CampaignEditor.tsx';
import { Link } from './Link.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';

/** Loads the campaign (or starts a new one) and hands it to the editor. */
export function CampaignEditorPage({ campaignKey }: { campaignKey: string | null }) {
  const { api } = useSession();
  const { loaded } = useLoad(
    useCallback(async (): Promise<ApiResult<Campaign | null>> => {
      if (campaignKey === null) return { ok: true, status: 200, data: null };
      return api.call(routes.getCampaign, { params: { key: campaignKey } });
    }, [api, campaignKey]),
  );
  return (
    <>
      <p className="console-crumbs">
        <Link to={{ page: 'campaigns' }}>← All campaigns</Link>
      </p>
      {loaded.state === 'loading' && <p className="console-loading">Loading the campaign…</p>}
      {loaded.state === 'failed' && <ProblemAlert problem={loaded.problem} what="Could not load this campaign." />}
      {loaded.state === 'ready' && <CampaignEditor campaign={loaded.data} />}
    </>
  );
}
