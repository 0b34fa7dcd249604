import type { SidebarIntent, SidebarState } from '../lib/messages.ts';
import { LeadBrief } from './LeadBrief.tsx';
import { LeadSwitcher } from './LeadSwitcher.tsx';
import { ErrorView, LoadingView, NoLeadView, NotConnectedView, NotFoundView } from './SidebarStates.tsx';

type SendIntent = (intent: SidebarIntent) => void;
/** The states that are about one of the page's leads. */
type LeadState = Exclude<SidebarState, { status: 'not_connected' | 'no_lead' }>;

interface SidebarProps {
  /** null until the background's first state arrives. */
  state: SidebarState | null;
  onIntent: SendIntent;
  /** False while the background is out of reach; the last state stays on screen. */
  linked?: boolean;
  now?: number;
}

export function Sidebar({ state, onIntent, linked = true, now = Date.now() }: SidebarProps) {
  const busy = state === null || state.status === 'loading';
  return (
    <main aria-label="Coalface" aria-busy={busy} className="cf-sidebar">
      {!linked && state !== null && <output className="cf-notice">Reconnecting to Coalface…</output>}
      <SidebarBody state={state} onIntent={onIntent} now={now} />
    </main>
  );
}

function SidebarBody({ state, onIntent, now }: { state: SidebarState | null; onIntent: SendIntent; now: number }) {
  if (state === null) return <LoadingView lead={undefined} />;
  if (state.status === 'not_connected')
    return <NotConnectedView onOpenOptions={() => onIntent({ type: 'open-options' })} />;
  if (state.status === 'no_lead') return <NoLeadView />;
  return (
    <>
      <LeadSwitcher
        leads={state.leads}
        selected={state.selected}
        onSelect={(index) => onIntent({ type: 'select-lead', index })}
      />
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
      return <ErrorView message={state.message} onRetry={() => onIntent({ type: 'retry' })} />;
    case 'ready':
      return <LeadBrief context={state.context} fetchedAt={state.fetchedAt} now={now} />;
  }
}
