import { useCallback, useEffect, useState } from 'react';
import type { Problem } from '../../lib/contract/common.ts';
import type { Feedback, FeedbackTarget } from '../../lib/contract/feedback.ts';
import { routes } from '../../lib/contract/routes.ts';
import { reasonLabel } from '../../lib/ui/labels.ts';
import { formatDateTime } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';

/** The reps' verdicts on one target, newest first, a page at a time; notes as plain text. */
export function Notes({ target }: { target: FeedbackTarget }) {
  const { api } = useSession();
  const { kind, id } = target;
  const [items, setItems] = useState<Feedback[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const more = useCallback(
    async (from: string | null, replace: boolean) => {
      setBusy(true);
      const result = await api.call(routes.listFeedback, {
        query: { targetKind: kind, targetId: id, limit: 50, cursor: from || undefined },
      });
      setBusy(false);
      if (!result.ok) {
        setProblem(result.problem);
        return;
      }
      setProblem(null);
      setItems((old) => (replace ? result.data.items : [...old, ...result.data.items]));
      setCursor(result.data.nextCursor);
      setDone(result.data.nextCursor === null);
    },
    [api, kind, id],
  );
  useEffect(() => {
    void more(null, true);
  }, [more]);

  const shown = items.filter((item) => item.withdrawnAt === null);
  return (
    <section className="console-notes" aria-label="Reps' verdicts and notes">
      <h3>Reps' verdicts and notes</h3>
      {problem && (
        <p className="console-error" role="alert">
          {problem.detail}
        </p>
      )}
      {!problem && shown.length === 0 && !busy && <p>No verdicts yet.</p>}
      <ul className="console-notes__list">
        {shown.map((item) => (
          <li key={item.id}>
            <p>
              <strong>{item.verdict === 'landed' ? 'Landed' : "Didn't land"}</strong>
              {item.reason ? ` · ${reasonLabel(item.reason)}` : ''} · {item.rep.name} ·{' '}
              <time dateTime={item.occurredAt}>{formatDateTime(item.occurredAt)}</time>
              {Object.values(item.lead.segments).some(Boolean)
                ? ` · ${Object.values(item.lead.segments).filter(Boolean).join(', ')}`
                : ''}
            </p>
            {item.note && <blockquote className="console-note-text">{item.note}</blockquote>}
          </li>
        ))}
      </ul>
      {!done && cursor && (
        <button
          type="button"
          className="cf-button cf-button--small"
          disabled={busy}
          onClick={() => more(cursor, false)}
        >
          {busy ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
