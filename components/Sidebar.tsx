import { useMemo } from 'react';
import type { SidebarNotice, SidebarState } from '../lib/messages.ts';
import { NO_NOTICES, type SendIntent, SidebarActionsProvider } from '../lib/ui/actions.tsx';
import { t } from '../lib/ui/i18n.ts';
import { FailedFeedbackPanel } from './FailedFeedbackPanel.tsx';
import { FreshnessBanner } from './FreshnessBanner.tsx';
import { LeadBrief } from './LeadBrief.tsx';
import { LeadSwitcher } from './LeadSwitcher.tsx';
import {
  ErrorView,
  LoadingView,
  NoLeadView,
  NotConnectedView,
  NotFoundView,
  RefusedView,
  SignedOutView,
} from './SidebarStates.tsx';

/** The states that are about one of the page's leads. */
type LeadState = Exclude<SidebarState, { status: 'refused' | 'not_connected' | 'signed_out' | 'no_lead' }>;

interface SidebarProps {
  /** null until the background's first state arrives. */
  state: SidebarState | null;
  onIntent: SendIntent;
  /** The background's answers to intents with a requestId, by that id. */
  notices?: ReadonlyMap<string, SidebarNotice>;
  /** False while the background is out of reach; the last state stays on screen. */
  linked?: boolean;
  now?: number;
}

export function Sidebar({ state, onIntent, notices = NO_NOTICES, linked = true, now = Date.now() }: SidebarProps) {
  const busy = state === null || state.status === 'loading';
  const actions = useMemo(() => ({ send: onIntent, notices }), [onIntent, notices]);
  return (
    <SidebarActionsProvider value={actions}>
      <main aria-label={t('extName')} aria-busy={busy} className="cf-sidebar">
        {!linked && state !== null && <output className="cf-notice">{t('reconnecting')}</output>}
        <SidebarBody state={state} onIntent={onIntent} now={now} />
      </main>
    </SidebarActionsProvider>
  );
}

function SidebarBody({ state, onIntent, now }: { state: SidebarState | null; onIntent: SendIntent; now: number }) {
  if (state === null) return <LoadingView lead={undefined} />;
  if (state.status === 'refused') return <RefusedView />;
  if (state.status === 'not_connected')
    return <NotConnectedView onOpenOptions={() => onIntent({ type: 'open-options' })} />;
  if (state.status === 'signed_out') return <SignedOutView onSignIn={() => onIntent({ type: 'sign-in' })} />;
  if (state.status === 'no_lead') return <NoLeadView />;
  return (
    <>
      <LeadSwitcher
        leads={state.leads}
        selected={state.selected}
        onSelect={(index) => onIntent({ type: 'select-lead', index })}
      />
      {state.status === 'ready' && (
        <FreshnessBanner freshness={state.freshness} fetchedAt={state.fetchedAt} now={now} />
      )}
      {state.failed && state.failed.length > 0 && (
        <FailedFeedbackPanel failed={state.failed} context={state.status === 'ready' ? state.context : undefined} />
      )}
      <LeadStateView state={state} onIntent={onIntent} now={now} />
    </>
  );
}

function LeadStateView({ state, onIntent, now }: { state: LeadState; onIntent: SendIntent; now: number }) {
  const lead = state.leads[state.selected];
  switch (state.status) {
    case 'loading':
      return <LoadingView lead={lead} />;
    case 'not_found':
      return <NotFoundView lead={lead} />;
    case 'error':
      return <ErrorView message={state.message ?? t('lookupFailed')} onRetry={() => onIntent({ type: 'retry' })} />;
    case 'ready':
      return (
        <LeadBrief
          context={state.context}
          fetchedAt={state.fetchedAt}
          feedback={state.feedback ?? []}
          loadingMore={state.loadingMore ?? false}
          now={now}
        />
      );
  }
}
