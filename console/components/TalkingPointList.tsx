import { useCallback, useId, useState } from 'react';
import type { TalkingPoint } from '../../lib/contract/talking-points.ts';
import { listCampaigns, listTalkingPoints } from '../lib/endpoint.ts';
import { formatDate, formatDateTime } from '../lib/format.ts';
import { type PointStatus, STATUSES } from '../lib/pointForm.ts';
import { useSession } from '../lib/session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { Link } from './Link.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import { StatusBadge } from './StatusBadge.tsx';

function audienceText(point: TalkingPoint): string {
  const { personas, industries, regions, lifecycleStages } = point.audience;
  const parts = [...personas, ...industries, ...regions, ...lifecycleStages];
  return parts.length > 0 ? parts.join(', ') : 'Everyone';
}

function windowText(point: TalkingPoint): string {
  if (!point.validFrom && !point.validTo) return 'Always';
  return `${formatDate(point.validFrom)} – ${formatDate(point.validTo)}`;
}

/** Talking points, filtered by status and campaign on the endpoint. */
export function TalkingPointList() {
  const { api } = useSession();
  const [status, setStatus] = useState<PointStatus | ''>('');
  const [campaign, setCampaign] = useState('');
  const statusId = useId();
  const campaignId = useId();
  const { loaded } = useLoad(
    useCallback(
      () => listTalkingPoints(api, { status: status || undefined, campaign: campaign || undefined }),
      [api, status, campaign],
    ),
  );
  const campaigns = useLoad(useCallback(() => listCampaigns(api), [api])).loaded;
  return (
    <>
      <div className="console-page-head">
        <h1>Talking points</h1>
        <Link to={{ page: 'newPoint' }} className="cf-button cf-button--primary">
          New talking point
        </Link>
      </div>
      <fieldset className="console-filters">
        <legend className="cf-visually-hidden">Filter talking points</legend>
        <label htmlFor={statusId}>Status</label>
        <select
          id={statusId}
          className="console-input"
          value={status}
          onChange={(event) => setStatus(STATUSES.find((s) => s === event.target.value) ?? '')}
        >
          <option value="">Any</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <label htmlFor={campaignId}>Campaign</label>
        <select
          id={campaignId}
          className="console-input"
          value={campaign}
          onChange={(e) => setCampaign(e.target.value)}
        >
          <option value="">Any</option>
          {campaigns.state === 'ready' &&
            campaigns.data.map((c) => (
              <option key={c.key} value={c.key}>
                {c.name}
              </option>
            ))}
        </select>
      </fieldset>
      {loaded.state === 'loading' && <p className="console-loading">Loading talking points…</p>}
      {loaded.state === 'failed' && <ProblemAlert problem={loaded.problem} what="Could not load the talking points." />}
      {loaded.state === 'ready' && loaded.data.length === 0 && <p>No talking points match.</p>}
      {loaded.state === 'ready' && loaded.data.length > 0 && (
        <div className="console-table-wrap">
          <table className="console-table">
            <caption className="cf-visually-hidden">Talking points</caption>
            <thead>
              <tr>
                <th scope="col">Talking point</th>
                <th scope="col">Status</th>
                <th scope="col">Campaign</th>
                <th scope="col">Priority</th>
                <th scope="col">Audience</th>
                <th scope="col">Schedule</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {loaded.data.map((point) => (
                <tr key={point.id}>
                  <th scope="row">
                    <Link to={{ page: 'point', id: point.id }}>{point.title}</Link>
                  </th>
                  <td>
                    <StatusBadge status={point.status} />
                  </td>
                  <td>{point.campaign ?? '—'}</td>
                  <td>{point.priority}</td>
                  <td>{audienceText(point)}</td>
                  <td>{windowText(point)}</td>
                  <td>{formatDateTime(point.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
