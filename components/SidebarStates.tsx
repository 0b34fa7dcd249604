// The sidebar's views for every state but `ready` (see LeadBrief.tsx).
import type { PageLead } from '../lib/messages.ts';
import { pageLeadIdentifier } from '../lib/ui/labels.ts';
import { Section } from './Section.tsx';

export function NotConnectedView({ onOpenOptions }: { onOpenOptions: () => void }) {
  return (
    <div className="cf-state">
      <p>Not connected to a Coalface endpoint.</p>
      <p className="cf-meta">Add your team's endpoint URL and your access token in Options.</p>
      <button type="button" className="cf-button cf-button--primary" onClick={onOpenOptions}>
        Open options
      </button>
    </div>
  );
}

export function NoLeadView() {
  return (
    <div className="cf-state">
      <p>No lead on this page.</p>
      <p className="cf-meta">Open an email thread or a CRM record to see its lead here.</p>
    </div>
  );
}

/** Placeholders in the same blocks as the ready view, so nothing jumps when the lead arrives. */
export function LoadingView({ lead }: { lead: PageLead | undefined }) {
  const knownName = lead?.name ?? lead?.email;
  return (
    <>
      <p className="cf-visually-hidden">Loading the lead's context…</p>
      <header className="cf-lead">
        {knownName ? (
          <h1 className="cf-lead__name">{knownName}</h1>
        ) : (
          <div className="cf-skeleton cf-skeleton--title" aria-hidden="true" />
        )}
        <div className="cf-skeleton cf-skeleton--line cf-skeleton--short" aria-hidden="true" />
        <div className="cf-chips" aria-hidden="true">
          <span className="cf-skeleton cf-skeleton--chip" />
          <span className="cf-skeleton cf-skeleton--chip" />
        </div>
      </header>
      <Section title="Campaign">
        <SkeletonLines widths={CAMPAIGN_LINES} />
      </Section>
      <Section title="Talking points">
        <div className="cf-points" aria-hidden="true">
          <div className="cf-point">
            <SkeletonLines widths={POINT_LINES} />
          </div>
          <div className="cf-point">
            <SkeletonLines widths={POINT_LINES} />
          </div>
        </div>
      </Section>
      <Section title="Engagement">
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
        <div key={width} className="cf-skeleton cf-skeleton--line" style={{ width }} />
      ))}
    </div>
  );
}

export function NotFoundView({ lead }: { lead: PageLead | undefined }) {
  const identifier = lead ? pageLeadIdentifier(lead) : 'This lead';
  return (
    <div className="cf-state">
      <p>{identifier} is not known to the endpoint yet.</p>
      <p className="cf-meta">Leads appear here once marketing has synced them to Coalface.</p>
    </div>
  );
}

export function ErrorView({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div className="cf-state">
      <p role="alert" className="cf-error">
        {message}
      </p>
      <button type="button" className="cf-button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
