import { useState } from 'react';
import type { CurrentCampaign } from '../lib/contract/lookup.ts';
import type { FeedbackView } from '../lib/messages.ts';
import { useSidebarActions } from '../lib/ui/actions.tsx';
import { t } from '../lib/ui/i18n.ts';
import { formatDate, formatDateTime } from '../lib/ui/time.ts';
import { isHttpUrl } from '../lib/ui/url.ts';
import { FeedbackControls } from './FeedbackControls.tsx';

interface CampaignCardProps {
  campaign: CurrentCampaign | null;
  otherCampaigns: readonly CurrentCampaign[];
  feedback: readonly FeedbackView[];
}

/**
 * The lead's current campaign message: what marketing wants the rep to say right now. When the lead
 * is in other active campaigns too, their messages are one click away ("Also in").
 */
export function CampaignCard({ campaign, otherCampaigns, feedback }: CampaignCardProps) {
  const campaigns = campaign ? [campaign, ...otherCampaigns] : [...otherCampaigns];
  const [shownKey, setShownKey] = useState<string | undefined>(undefined);
  const shown = campaigns.find((item) => item.key === shownKey) ?? campaigns[0];
  if (!shown) {
    return <p className="cf-empty">{t('noCampaign')}</p>;
  }
  return (
    <div className="cf-campaign">
      {campaigns.length > 1 && (
        <CampaignPicker campaigns={campaigns} shownKey={shown.key} current={campaign?.key} onPick={setShownKey} />
      )}
      <CampaignMessageView campaign={shown} />
      <FeedbackControls
        target={{ kind: 'campaignMessage', id: shown.key }}
        subject={t('feedbackSubjectCampaign', shown.name)}
        feedback={feedback}
      />
    </div>
  );
}

interface CampaignPickerProps {
  campaigns: readonly CurrentCampaign[];
  shownKey: string;
  /** The campaign the endpoint named current; the others are "also in". */
  current: string | undefined;
  onPick: (key: string) => void;
}

function CampaignPicker({ campaigns, shownKey, current, onPick }: CampaignPickerProps) {
  return (
    <fieldset className="cf-campaign__picker">
      <legend className="cf-visually-hidden">{t('campaignPickerLabel')}</legend>
      {current === undefined && <span className="cf-meta">{t('alsoIn')}</span>}
      {campaigns.map((item) => (
        <button
          key={item.key}
          type="button"
          className="cf-toggle"
          aria-pressed={item.key === shownKey}
          onClick={() => onPick(item.key)}
        >
          {item.key === current ? item.name : t('alsoInCampaign', item.name)}
        </button>
      ))}
    </fieldset>
  );
}

function CampaignMessageView({ campaign }: { campaign: CurrentCampaign }) {
  const { message } = campaign;
  const { send } = useSidebarActions();
  // Opening the call to action is a use of the campaign's message; the link opens as ever.
  const opened = () =>
    send({
      type: 'use',
      id: crypto.randomUUID(),
      action: 'opened_cta',
      target: { kind: 'campaignMessage', id: campaign.key },
    });
  return (
    <>
      <p className="cf-meta">
        <span className="cf-campaign__name">{campaign.name}</span>
        {campaign.endsAt && (
          <>
            {' · '}
            <time dateTime={campaign.endsAt} title={formatDateTime(campaign.endsAt)}>
              {t('campaignUntil', formatDate(campaign.endsAt))}
            </time>
          </>
        )}
      </p>
      <h3 className="cf-campaign__headline">{message.headline}</h3>
      <p className="cf-text">{message.pitch}</p>
      {message.proofPoints.length > 0 && (
        <ul className="cf-campaign__proof" aria-label={t('proofPoints')}>
          {message.proofPoints.map((point) => (
            <li key={point}>{point}</li>
          ))}
        </ul>
      )}
      {message.cta && isHttpUrl(message.cta.url) && (
        <a
          className="cf-campaign__cta"
          href={message.cta.url}
          target="_blank"
          rel="noopener noreferrer"
          onClick={opened}
          onAuxClick={(event) => {
            if (event.button === 1) opened();
          }}
        >
          {message.cta.label}
          <span className="cf-visually-hidden">{t('opensInNewTab')}</span>
        </a>
      )}
    </>
  );
}
