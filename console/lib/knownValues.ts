import type { FeedbackSummary } from '../../lib/contract/feedback.ts';
import type { TalkingPoint } from '../../lib/contract/talking-points.ts';

/**
 * What the endpoint already knows of each audience segment and trigger. There is no route listing
 * them, so they are gathered from every stored talking point and from the segments reps' verdicts
 * were given in (the feedback summary). Lifecycle stages and event types come from the contract.
 */
export interface KnownValues {
  personas: string[];
  industries: string[];
  regions: string[];
  contentIds: string[];
  topics: string[];
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b));

export function knownValues(points: readonly TalkingPoint[], summary: FeedbackSummary | null): KnownValues {
  const segments = (dimension: 'industry' | 'persona' | 'region') =>
    (summary?.targets ?? []).flatMap((target) =>
      target.bySegment.filter((s) => s.dimension === dimension).map((s) => s.value),
    );
  return {
    personas: sorted([...points.flatMap((p) => p.audience.personas), ...segments('persona')]),
    industries: sorted([...points.flatMap((p) => p.audience.industries), ...segments('industry')]),
    regions: sorted([...points.flatMap((p) => p.audience.regions), ...segments('region')]),
    contentIds: sorted(points.flatMap((p) => p.triggers.contentIds)),
    topics: sorted(points.flatMap((p) => p.triggers.topics)),
  };
}
