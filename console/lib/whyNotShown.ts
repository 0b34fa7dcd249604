import type { LeadProfile } from '../../lib/contract/lookup.ts';
import type { TalkingPoint } from '../../lib/contract/talking-points.ts';

/**
 * Likely reasons a live point is missing from a lead's ranking, from what the console can see: the
 * window, and audience groups the lead is outside of. (The campaign not running is the other cause.)
 */
export function whyNotShown(point: TalkingPoint, lead: LeadProfile, now: number): string[] {
  const reasons: string[] = [];
  if (point.validFrom && Date.parse(point.validFrom) > now) reasons.push('Its schedule has not started yet.');
  if (point.validTo && Date.parse(point.validTo) < now) reasons.push('Its schedule has ended.');
  const outside = (what: string, wanted: readonly string[], has: string | null | undefined) => {
    if (wanted.length > 0 && (!has || !wanted.includes(has))) {
      reasons.push(`The lead's ${what} (${has ?? 'unknown'}) is not among ${wanted.join(', ')}.`);
    }
  };
  outside('persona', point.audience.personas, lead.segments.persona);
  outside('industry', point.audience.industries, lead.segments.industry);
  outside('region', point.audience.regions, lead.segments.region);
  outside('lifecycle stage', point.audience.lifecycleStages, lead.lifecycleStage);
  if (point.campaign)
    reasons.push(`Points of campaign ${point.campaign} are suggested only while it is active and running.`);
  return reasons;
}
