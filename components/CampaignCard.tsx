import type { CurrentCampaign } from '../lib/contract/lookup.ts';
import { formatDate, formatDateTime } from '../lib/ui/time.ts';
import { isHttpUrl } from '../lib/ui/url.ts';

interface CampaignCardProps {
  campaign: CurrentCampaign | null;
  otherCampaigns: CurrentCampaign[];
}

/** The lead's current campaign message: what marketing wants the rep to say right now. */
export function CampaignCard({ campaign, otherCampaigns }: CampaignCardProps) {
  if (!campaign) {
    return <p className="cf-empty">No active campaign for this lead.</p>;
  }
  const { message } = campaign;
  return (
    <div className="cf-campaign">
      <p className="cf-meta">
        <span className="cf-campaign__name">{campaign.name}</span>
        {campaign.endsAt && (
          <>
            {' · until '}
            <time dateTime={campaign.endsAt} title={formatDateTime(campaign.endsAt)}>
              {formatDate(campaign.endsAt)}
            </time>
          </>
        )}
      </p>
      <h3 className="cf-campaign__headline">{message.headline}</h3>
      <p className="cf-text">{message.pitch}</p>
      {message.proofPoints.length > 0 && (
        <ul className="cf-campaign__proof" aria-label="Proof points">
          {message.proofPoints.map((point) => (
            <li key={point}>{point}</li>
          ))}
        </ul>
      )}
      {message.cta && isHttpUrl(message.cta.url) && (
        <a className="cf-campaign__cta" href={message.cta.url} target="_blank" rel="noopener noreferrer">
          {message.cta.label}
        </a>
      )}
      {otherCampaigns.length > 0 && (
        <p className="cf-meta">Also in: {otherCampaigns.map((other) => other.name).join(', ')}</p>
      )}
    </div>
  );
}
