import type { LeadContext } from '../lib/contract/lookup.ts';
import type { FeedbackView } from '../lib/messages.ts';
import { t } from '../lib/ui/i18n.ts';
import { relativeTime } from '../lib/ui/time.ts';
import { CampaignCard } from './CampaignCard.tsx';
import { EngagementSummaryView } from './EngagementSummary.tsx';
import { EngagementTimeline } from './EngagementTimeline.tsx';
import { LeadHeader } from './LeadHeader.tsx';
import { Section } from './Section.tsx';
import { TalkingPoints } from './TalkingPoints.tsx';

interface LeadBriefProps {
  context: LeadContext;
  fetchedAt: number;
  /** This lead's verdicts from this browser, newest first. */
  feedback: readonly FeedbackView[];
  loadingMore: boolean;
  now: number;
}

/** Everything the rep needs about one lead: who, what to say, and why. */
export function LeadBrief({ context, fetchedAt, feedback, loadingMore, now }: LeadBriefProps) {
  const { engagement } = context;
  return (
    <>
      <LeadHeader
        lead={context.lead}
        lastTouchAt={engagement.summary.lastTouchAt}
        now={now}
        stageDefinition={context.stageDefinition}
      />
      <Section title={t('sectionCampaign')}>
        <CampaignCard campaign={context.campaign} otherCampaigns={context.otherCampaigns} feedback={feedback} />
      </Section>
      <Section title={t('sectionTalkingPoints')}>
        <TalkingPoints points={context.talkingPoints} feedback={feedback} />
      </Section>
      <Section title={t('sectionEngagement')}>
        <EngagementSummaryView summary={engagement.summary} now={now} />
        <EngagementTimeline
          timeline={engagement.timeline}
          hasMore={engagement.hasMore || Boolean(engagement.nextBefore)}
          loadingMore={loadingMore}
          now={now}
        />
      </Section>
      <p className="cf-meta cf-footer">{t('updatedAgo', relativeTime(fetchedAt, now))}</p>
    </>
  );
}
