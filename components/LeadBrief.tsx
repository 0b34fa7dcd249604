import type { LeadContext } from '../lib/contract/lookup.ts';
import { relativeTime } from '../lib/ui/time.ts';
import { CampaignCard } from './CampaignCard.tsx';
import { EngagementTimeline } from './EngagementTimeline.tsx';
import { LeadHeader } from './LeadHeader.tsx';
import { Section } from './Section.tsx';
import { TalkingPoints } from './TalkingPoints.tsx';

interface LeadBriefProps {
  context: LeadContext;
  fetchedAt: number;
  now: number;
}

/** Everything the rep needs about one lead: who, what to say, and why. */
export function LeadBrief({ context, fetchedAt, now }: LeadBriefProps) {
  return (
    <>
      <LeadHeader lead={context.lead} />
      <Section title="Campaign">
        <CampaignCard campaign={context.campaign} otherCampaigns={context.otherCampaigns} />
      </Section>
      <Section title="Talking points">
        <TalkingPoints points={context.talkingPoints} />
      </Section>
      <Section title="Engagement">
        <EngagementTimeline engagement={context.engagement} now={now} />
      </Section>
      <p className="cf-meta cf-footer">Updated {relativeTime(fetchedAt, now)}</p>
    </>
  );
}
