import { useState } from 'react';
import type { Problem } from '../../lib/contract/common.ts';
import type { Funnel, FunnelSignature, FunnelTeam } from '../../lib/contract/funnel.ts';
import { routes } from '../../lib/contract/routes.ts';
import { formatDateTime } from '../lib/format.ts';
import { signsFor, TEAM_LABEL } from '../lib/funnel.ts';
import { useSession } from '../lib/session.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';

interface FunnelSignoffProps {
  funnel: Funnel;
  onChanged: (funnel: Funnel) => void;
}

function SignatureLine({ team, signature }: { team: FunnelTeam; signature: FunnelSignature | null }) {
  return (
    <li>
      <strong>{TEAM_LABEL[team]}:</strong>{' '}
      {signature ? (
        <>
          signed by {signature.name} on <time dateTime={signature.signedAt}>{formatDateTime(signature.signedAt)}</time>
        </>
      ) : (
        'not signed yet'
      )}
    </li>
  );
}

/** Whether both teams signed this version, who and when, and the caller's own sign button. */
export function FunnelSignoff({ funnel, onChanged }: FunnelSignoffProps) {
  const { api, me } = useSession();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const team = signsFor(me.role);
  const signed = team ? funnel.signatures[team] !== null : false;

  const sign = async () => {
    setBusy(true);
    setProblem(null);
    const result = await api.call(routes.signFunnel, { body: { version: funnel.version } });
    setBusy(false);
    if (result.ok) onChanged(result.data);
    else setProblem(result.problem);
  };

  return (
    <section className="console-panel funnel-signoff" aria-labelledby="funnel-signoff-title">
      <h2 id="funnel-signoff-title">Sign-off, version {funnel.version}</h2>
      <output className={`funnel-state ${funnel.agreed ? 'console-success' : 'console-note'}`}>
        {funnel.agreed
          ? `Agreed: marketing and sales both signed version ${funnel.version}.`
          : `Not agreed yet: marketing and sales haven't both signed version ${funnel.version}.`}
      </output>
      <ul className="funnel-signatures">
        <SignatureLine team="marketing" signature={funnel.signatures.marketing} />
        <SignatureLine team="sales" signature={funnel.signatures.sales} />
      </ul>
      {team && !signed && (
        <button type="button" className="cf-button cf-button--primary" onClick={sign} disabled={busy}>
          {busy ? 'Signing…' : `Sign version ${funnel.version} for ${TEAM_LABEL[team].toLowerCase()}`}
        </button>
      )}
      {!team && (
        <p className="console-hint">
          A marketer signs for marketing and a sales manager for sales; admins do not sign.
        </p>
      )}
      {problem && <ProblemAlert problem={problem} what="Could not sign." />}
    </section>
  );
}
