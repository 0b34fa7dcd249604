// The sidebar's views for every state but `ready` (see LeadBrief.tsx).
import type { ReactNode } from 'react';
import type { PageLead } from '../lib/messages.ts';
import { t } from '../lib/ui/i18n.ts';
import { pageLeadIdentifier } from '../lib/ui/labels.ts';
import { Section } from './Section.tsx';

export function NotConnectedView({ onOpenOptions }: { onOpenOptions: () => void }) {
  return (
    <StateNote message={t('notConnected')} help={t('notConnectedHelp')}>
      <button type="button" className="cf-button cf-button--primary" onClick={onOpenOptions}>
        {t('openOptions')}
      </button>
    </StateNote>
  );
}

/** The session ended and could not be renewed without the rep: one click signs in again. */
export function SignedOutView({ onSignIn }: { onSignIn: () => void }) {
  return (
    <StateNote message={t('signedOut')} help={t('signedOutHelp')}>
      <button type="button" className="cf-button cf-button--primary" onClick={onSignIn}>
        {t('signIn')}
      </button>
    </StateNote>
  );
}

/** A copy of the sidebar page that Coalface's dock did not open, e.g. one a web page framed itself. */
export function RefusedView() {
  return <StateNote message={t('refused')} help={t('refusedHelp')} />;
}

export function NoLeadView() {
  return <StateNote message={t('noLead')} help={t('noLeadHelp')} />;
}

/**
 * Placeholders in the same blocks, and of the same heights, as the ready view (see style.css), so
 * nothing jumps when the lead arrives.
 */
export function LoadingView({ lead }: { lead: PageLead | undefined }) {
  const knownName = lead?.name ?? lead?.email;
  return (
    <>
      <p className="cf-visually-hidden">{t('loadingLead')}</p>
      <header className="cf-lead">
        {knownName ? (
          <h1 className="cf-lead__name">{knownName}</h1>
        ) : (
          <div className="cf-skeleton cf-skeleton--title" aria-hidden="true" />
        )}
        <div className="cf-skeleton cf-skeleton--text cf-skeleton--short" aria-hidden="true" />
        <div className="cf-skeleton cf-skeleton--small" style={{ width: '50%' }} aria-hidden="true" />
        <div className="cf-chips" aria-hidden="true">
          <span className="cf-skeleton cf-skeleton--chip" />
          <span className="cf-skeleton cf-skeleton--chip" />
          <span className="cf-skeleton cf-skeleton--chip" />
        </div>
        <div className="cf-skeleton cf-skeleton--small" style={{ width: '40%' }} aria-hidden="true" />
      </header>
      <Section title={t('sectionCampaign')}>
        <div className="cf-campaign cf-campaign--placeholder" aria-hidden="true">
          <SkeletonLines widths={CAMPAIGN_LINES} />
        </div>
      </Section>
      <Section title={t('sectionTalkingPoints')}>
        <div className="cf-points" aria-hidden="true">
          <div className="cf-point cf-point--placeholder">
            <SkeletonLines widths={POINT_LINES} />
          </div>
          <div className="cf-point cf-point--placeholder">
            <SkeletonLines widths={POINT_LINES} />
          </div>
        </div>
      </Section>
      <Section title={t('sectionEngagement')}>
        <div className="cf-stats" aria-hidden="true">
          <div className="cf-stat cf-skeleton--stat" />
          <div className="cf-stat cf-skeleton--stat" />
          <div className="cf-stat cf-skeleton--stat" />
        </div>
        <SkeletonLines widths={EVENT_LINES} />
      </Section>
    </>
  );
}

// Line widths of each placeholder block; each width is also the line's key.
const CAMPAIGN_LINES = ['45%', '80%', '100%', '94%', '62%'];
const POINT_LINES = ['60%', '100%', '90%', '45%'];
const EVENT_LINES = ['100%', '88%', '76%', '92%'];

function SkeletonLines({ widths }: { widths: string[] }) {
  return (
    <div className="cf-skeleton-block" aria-hidden="true">
      {widths.map((width) => (
        <div key={width} className="cf-skeleton cf-skeleton--text" style={{ width }} />
      ))}
    </div>
  );
}

export function NotFoundView({ lead }: { lead: PageLead | undefined }) {
  const identifier = lead ? pageLeadIdentifier(lead) : t('thisLead');
  return <StateNote message={t('notFound', identifier)} help={t('notFoundHelp')} />;
}

export function ErrorView({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div className="cf-state">
      <p className="cf-state__title">{t('errorTitle')}</p>
      <p role="alert" className="cf-error">
        {message}
      </p>
      <button type="button" className="cf-button" onClick={onRetry}>
        {t('retry')}
      </button>
    </div>
  );
}

/** What the sidebar has to say instead of a brief, the help under it, and what the rep can do. */
function StateNote({ message, help, children }: { message: string; help: string; children?: ReactNode }) {
  return (
    <div className="cf-state">
      <p>{message}</p>
      <p className="cf-meta">{help}</p>
      {children}
    </div>
  );
}
