import { useCallback, useId, useMemo, useState } from 'react';
import type { Campaign } from '../../lib/contract/campaigns.ts';
import type { FeedbackSummary } from '../../lib/contract/feedback.ts';
import type { TalkingPoint } from '../../lib/contract/talking-points.ts';
import type { ApiResult } from '../lib/api.ts';
import { downloadCsv, toCsv } from '../lib/csv.ts';
import { feedbackSummary, listCampaigns, listTalkingPoints } from '../lib/endpoint.ts';
import { formatDateTime } from '../lib/format.ts';
import {
  buildRows,
  CSV_HEADER,
  csvRows,
  filterRows,
  type RowFilter,
  type Sort,
  segmentId,
  segmentsOf,
  sortRows,
} from '../lib/lands.ts';
import { useSession } from '../lib/session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { LandsFilters } from './LandsFilters.tsx';
import { LandsTable } from './LandsTable.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import { TargetDetail } from './TargetDetail.tsx';

interface LandsData {
  summary: FeedbackSummary;
  points: TalkingPoint[];
  campaigns: Campaign[];
}

/** "What lands": every talking point and campaign message with how reps say it fared. */
export function LandsPage() {
  const { api } = useSession();
  const load = useCallback(async (): Promise<ApiResult<LandsData>> => {
    const [summary, points, campaigns] = await Promise.all([
      feedbackSummary(api),
      listTalkingPoints(api),
      listCampaigns(api),
    ]);
    if (!summary.ok) return summary;
    // A sales manager reads the summary but not marketing's lists: statuses then show as unknown.
    const readable = <T,>(r: ApiResult<T[]>) => (!r.ok && r.status === 403 ? { ok: true as const, data: [] } : r);
    const p = readable(points);
    const c = readable(campaigns);
    if (!p.ok) return p;
    if (!c.ok) return c;
    return { ok: true, status: 200, data: { summary: summary.data, points: p.data, campaigns: c.data } };
  }, [api]);
  const { loaded, reload } = useLoad(load);
  return (
    <>
      <div className="console-page-head">
        <h1>What lands</h1>
        <button type="button" className="cf-button cf-button--small" onClick={reload}>
          Refresh
        </button>
      </div>
      <p className="console-hint">
        Reps' verdicts on each talking point and campaign message. Withdrawn verdicts do not count.
      </p>
      {loaded.state === 'loading' && <p className="console-loading">Loading what reps said…</p>}
      {loaded.state === 'failed' && (
        <ProblemAlert problem={loaded.problem} what="Could not load the feedback summary." />
      )}
      {loaded.state === 'ready' && <Lands data={loaded.data} />}
    </>
  );
}

const NO_FILTER: RowFilter = { campaign: '', status: '', kind: '' };

export function Lands({ data }: { data: LandsData }) {
  const [filter, setFilter] = useState<RowFilter>(NO_FILTER);
  const [segment, setSegment] = useState('');
  const [sort, setSort] = useState<Sort>({ column: 'worst' });
  const [selected, setSelected] = useState<string | null>(null);
  const statusId = useId();
  const segments = useMemo(() => segmentsOf(data.summary), [data.summary]);
  const picked = segments.find((s) => segmentId(s) === segment) ?? null;
  const rows = useMemo(() => {
    const all = buildRows(data.summary, data.points, data.campaigns, picked);
    return sortRows(filterRows(all, filter), sort);
  }, [data, picked, filter, sort]);
  const detail = rows.find((row) => row.id === selected) ?? null;

  const exportCsv = () => {
    const day = new Date().toISOString().slice(0, 10);
    const suffix = picked ? `-${picked.dimension}-${picked.value.replace(/[^A-Za-z0-9]+/g, '_')}` : '';
    downloadCsv(`coalface-what-lands-${day}${suffix}.csv`, toCsv(CSV_HEADER, csvRows(rows)));
  };

  return (
    <>
      <LandsFilters
        filter={filter}
        onFilter={setFilter}
        segment={segment}
        segments={segments}
        onSegment={setSegment}
        campaigns={data.campaigns}
      />
      <div className="console-toolbar">
        <output id={statusId} className="console-hint cf-status">
          {rows.length} {rows.length === 1 ? 'row' : 'rows'}
          {sort.column === 'worst' ? ', worst-landing live first' : ''} · as of{' '}
          {formatDateTime(data.summary.generatedAt)}
        </output>
        {sort.column !== 'worst' && (
          <button type="button" className="cf-button cf-button--small" onClick={() => setSort({ column: 'worst' })}>
            Worst-landing first
          </button>
        )}
        <button type="button" className="cf-button cf-button--small" onClick={exportCsv} disabled={rows.length === 0}>
          Export CSV
        </button>
      </div>
      {rows.length === 0 ? (
        <p>No talking point or campaign message matches these filters.</p>
      ) : (
        <LandsTable
          rows={rows}
          sort={sort}
          onSort={setSort}
          selected={selected}
          onSelect={(row) => setSelected(row.id)}
        />
      )}
      {detail && <TargetDetail row={detail} />}
    </>
  );
}
