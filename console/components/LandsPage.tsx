import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { FeedbackSummary, FeedbackTarget } from '../../lib/contract/feedback.ts';
import { routes } from '../../lib/contract/routes.ts';
import { weeksEnding } from '../../lib/iso-week.ts';
import { downloadCsv, toCsv } from '../lib/csv.ts';
import { formatDateTime } from '../lib/format.ts';
import {
  buildRows,
  CSV_HEADER,
  campaignsOf,
  csvRows,
  filterRows,
  ROWS_AT_ONCE,
  type RowFilter,
  type Sort,
  segmentId,
  segmentsOf,
  sortRows,
} from '../lib/lands.ts';
import { useSession } from '../lib/session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { CHART_WEEKS, LandsCharts } from './charts/LandsCharts.tsx';
import { LandsFilters } from './LandsFilters.tsx';
import { LandsTable } from './LandsTable.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import { TargetDetail } from './TargetDetail.tsx';

/** "What lands": every talking point and campaign message with how reps say it fared; `target`'s details open. */
export function LandsPage({ target }: { target?: FeedbackTarget | undefined }) {
  const { api } = useSession();
  // One call: a sales manager may read the summary but not marketing's lists.
  const load = useCallback(() => api.call(routes.feedbackSummary, { query: { include: 'unjudged' } }), [api]);
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
      {loaded.state === 'ready' && (
        <Lands summary={loaded.data} opened={target ? `${target.kind}:${target.id}` : null} />
      )}
    </>
  );
}

const NO_FILTER: RowFilter = { campaign: '', status: '', kind: '' };

export function Lands({ summary, opened = null }: { summary: FeedbackSummary; opened?: string | null }) {
  const [filter, setFilter] = useState<RowFilter>(NO_FILTER);
  const [segment, setSegment] = useState('');
  const [sort, setSort] = useState<Sort>({ column: 'worst' });
  const [selected, setSelected] = useState<string | null>(opened);
  const [limit, setLimit] = useState(ROWS_AT_ONCE);
  const statusId = useId();
  const segments = useMemo(() => segmentsOf(summary), [summary]);
  const campaigns = useMemo(() => campaignsOf(summary), [summary]);
  const picked = segments.find((s) => segmentId(s) === segment) ?? null;
  const rows = useMemo(() => {
    const all = buildRows(summary, picked);
    return sortRows(filterRows(all, filter), sort);
  }, [summary, picked, filter, sort]);
  const detail = rows.find((row) => row.id === selected) ?? null;
  // Opened from a link to one target's details (the home page): show them, not the top of the table.
  useEffect(() => {
    if (opened) document.getElementById('detail-heading')?.scrollIntoView?.({ block: 'start' });
  }, [opened]);

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
        campaigns={campaigns}
      />
      <LandsCharts summary={summary} filter={filter} segmentPicked={picked !== null} />
      <div className="console-toolbar">
        <output id={statusId} className="console-hint cf-status">
          {rows.length} {rows.length === 1 ? 'row' : 'rows'}
          {sort.column === 'worst' ? ', worst-landing live first' : ''} · as of {formatDateTime(summary.generatedAt)}
          {rows.length > limit ? ` · showing the first ${limit}` : ''}
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
          rows={rows.length > limit ? rows.slice(0, limit) : rows}
          sort={sort}
          onSort={setSort}
          selected={selected}
          onSelect={(row) => setSelected(row.id)}
        />
      )}
      {rows.length > limit && (
        <button type="button" className="cf-button" onClick={() => setLimit(rows.length)}>
          Show all {rows.length} rows
        </button>
      )}
      {detail && <TargetDetail row={detail} weeks={weeksEnding(Date.parse(summary.generatedAt), CHART_WEEKS)} />}
    </>
  );
}
