import { useId } from 'react';
import { type CampaignOption, type RowFilter, type Segment, segmentId } from '../lib/lands.ts';

interface LandsFiltersProps {
  filter: RowFilter;
  onFilter: (filter: RowFilter) => void;
  segment: string;
  segments: readonly Segment[];
  onSegment: (segment: string) => void;
  campaigns: readonly CampaignOption[];
}

const STATUSES = ['live', 'draft', 'retired', 'active', 'ended'];

/** Narrow the table by campaign, status, kind and the leads' segment. */
export function LandsFilters({ filter, onFilter, segment, segments, onSegment, campaigns }: LandsFiltersProps) {
  const id = useId();
  return (
    <fieldset className="console-filters">
      <legend className="cf-visually-hidden">Filter what lands</legend>
      <label htmlFor={`${id}-campaign`}>Campaign</label>
      <select
        id={`${id}-campaign`}
        className="console-input"
        value={filter.campaign}
        onChange={(e) => onFilter({ ...filter, campaign: e.target.value })}
      >
        <option value="">Any</option>
        {campaigns.map((c) => (
          <option key={c.key} value={c.key}>
            {c.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-status`}>Status</label>
      <select
        id={`${id}-status`}
        className="console-input"
        value={filter.status}
        onChange={(e) => onFilter({ ...filter, status: e.target.value })}
      >
        <option value="">Any</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-kind`}>Kind</label>
      <select
        id={`${id}-kind`}
        className="console-input"
        value={filter.kind}
        onChange={(e) => {
          const kind = e.target.value === 'talkingPoint' || e.target.value === 'campaignMessage' ? e.target.value : '';
          onFilter({ ...filter, kind });
        }}
      >
        <option value="">Both</option>
        <option value="talkingPoint">Talking points</option>
        <option value="campaignMessage">Campaign messages</option>
      </select>
      <label htmlFor={`${id}-segment`}>Segment</label>
      <select
        id={`${id}-segment`}
        className="console-input"
        value={segment}
        onChange={(e) => onSegment(e.target.value)}
      >
        <option value="">All leads</option>
        {segments.map((s) => (
          <option key={segmentId(s)} value={segmentId(s)}>
            {s.value} ({s.dimension})
          </option>
        ))}
      </select>
    </fieldset>
  );
}
