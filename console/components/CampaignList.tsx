import { useCallback } from 'react';
import { listCampaigns } from '../lib/endpoint.ts';
import { formatDate, formatDateTime } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { Link } from './Link.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import { StatusBadge } from './StatusBadge.tsx';

/** Every campaign with its status and dates; each opens its message editor. */
export function CampaignList() {
  const { api } = useSession();
  const { loaded } = useLoad(useCallback(() => listCampaigns(api), [api]));
  return (
    <>
      <div className="console-page-head">
        <h1>Campaigns</h1>
        <Link to={{ page: 'newCampaign' }} className="cf-button cf-button--primary">
          New campaign
        </Link>
      </div>
      {loaded.state === 'loading' && <p className="console-loading">Loading campaigns…</p>}
      {loaded.state === 'failed' && <ProblemAlert problem={loaded.problem} what="Could not load the campaigns." />}
      {loaded.state === 'ready' && loaded.data.length === 0 && (
        <p>No campaigns yet. Create one to give reps a message to work from.</p>
      )}
      {loaded.state === 'ready' && loaded.data.length > 0 && (
        <div className="console-table-wrap">
          <table className="console-table">
            <caption className="cf-visually-hidden">Campaigns</caption>
            <thead>
              <tr>
                <th scope="col">Campaign</th>
                <th scope="col">Headline</th>
                <th scope="col">Status</th>
                <th scope="col">Starts</th>
                <th scope="col">Ends</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {loaded.data.map((campaign) => (
                <tr key={campaign.key}>
                  <th scope="row">
                    <Link to={{ page: 'campaign', key: campaign.key }}>{campaign.name}</Link>
                    <span className="console-key">{campaign.key}</span>
                  </th>
                  <td>{campaign.message.headline}</td>
                  <td>
                    <StatusBadge status={campaign.status} />
                  </td>
                  <td>{formatDate(campaign.startsAt)}</td>
                  <td>{formatDate(campaign.endsAt)}</td>
                  <td>{formatDateTime(campaign.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
