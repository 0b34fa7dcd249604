import { type FormEvent, useId, useState } from 'react';
import { Section } from '../../components/Section.tsx';
import { TalkingPoints } from '../../components/TalkingPoints.tsx';
import type { Problem } from '../../lib/contract/common.ts';
import type { LeadContext } from '../../lib/contract/lookup.ts';
import { routes } from '../../lib/contract/routes.ts';
import type { TalkingPoint } from '../../lib/contract/talking-points.ts';
import { t } from '../../lib/ui/i18n.ts';
import { useSession } from '../lib/session.tsx';
import { whyNotShown } from '../lib/whyNotShown.ts';
import { SidebarFrame } from './SidebarFrame.tsx';

type Outcome =
  | { kind: 'notFound'; email: string }
  | { kind: 'found'; context: LeadContext }
  | { kind: 'failed'; problem: Problem };

/** "Preview for a lead": where this point ranks for one lead, and why, as the endpoint ranks it now. */
export function LeadPreview({ point }: { point: TalkingPoint | null }) {
  const { api } = useSession();
  const [email, setEmail] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();

  if (!point) {
    return (
      <section className="console-panel" aria-labelledby={`${inputId}-title`}>
        <h2 id={`${inputId}-title`}>Preview for a lead</h2>
        <p>
          Save the point as a draft first: the preview ranks points the endpoint has stored. Drafts never reach reps.
        </p>
      </section>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) return;
    setBusy(true);
    const result = await api.call(routes.lookup, { body: { leads: [{ email: email.trim() }] } });
    setBusy(false);
    if (!result.ok) {
      setOutcome({ kind: 'failed', problem: result.problem });
      return;
    }
    const first = result.data.results[0];
    setOutcome(first?.found ? { kind: 'found', context: first.context } : { kind: 'notFound', email: email.trim() });
  };

  return (
    <section className="console-panel" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>Preview for a lead</h2>
      <form className="console-inline-form" onSubmit={submit}>
        <label htmlFor={inputId}>Lead email</label>
        <input
          id={inputId}
          type="email"
          className="console-input"
          value={email}
          placeholder="dana.lee@acme-robotics.com"
          onChange={(event) => setEmail(event.target.value)}
        />
        <button type="submit" className="cf-button" disabled={busy}>
          {busy ? 'Ranking…' : 'Preview'}
        </button>
      </form>
      <div aria-live="polite">
        {outcome?.kind === 'failed' && (
          <p className="console-error" role="alert">
            {outcome.problem.detail}
          </p>
        )}
        {outcome?.kind === 'notFound' && <p>The endpoint has no lead with the address {outcome.email}.</p>}
        {outcome?.kind === 'found' && <Ranking point={point} context={outcome.context} />}
      </div>
    </section>
  );
}

function Ranking({ point, context }: { point: TalkingPoint; context: LeadContext }) {
  const { lead, talkingPoints } = context;
  const who = [lead.name ?? lead.email, lead.company].filter(Boolean).join(', ');
  const index = talkingPoints.findIndex((ranked) => ranked.id === point.id);
  const ranked = talkingPoints[index];
  return (
    <>
      {ranked ? (
        <div className="console-rank">
          <p>
            <strong>
              Ranks #{index + 1} of {talkingPoints.length}
            </strong>{' '}
            for {who} (score {ranked.score.toFixed(1)}). Why:
          </p>
          <ul>
            {ranked.reasons.map((reason) => (
              <li key={`${reason.code}:${reason.text}`}>{reason.text}</li>
            ))}
          </ul>
        </div>
      ) : point.status !== 'live' ? (
        <p>
          This point is {point.status === 'draft' ? 'a draft' : 'retired'}: drafts and retired points never reach reps,
          so it is not ranked. Publish it to see where it lands. This is what {who} is shown now:
        </p>
      ) : (
        <div>
          <p>It is live but not suggested for {who}. Likely why:</p>
          <ul>
            {whyNotShown(point, lead, Date.now()).map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      <SidebarFrame label={`The talking points ${who} is shown`}>
        <Section title={t('sectionTalkingPoints')}>
          <TalkingPoints points={talkingPoints} feedback={[]} />
        </Section>
      </SidebarFrame>
    </>
  );
}
