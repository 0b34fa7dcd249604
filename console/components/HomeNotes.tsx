import { type MouseEvent, useState } from 'react';
import type { Problem } from '../../lib/contract/common.ts';
import type { Overview, UnreadNote } from '../../lib/contract/overview.ts';
import { routes } from '../../lib/contract/routes.ts';
import { reasonLabel } from '../../lib/ui/labels.ts';
import { formatDateTime } from '../lib/format.ts';
import { plural } from '../lib/overview.ts';
import { navigate, type Route, routePath } from '../lib/router.ts';
import { useSession } from '../lib/session.tsx';

const detailOf = (note: UnreadNote): Route => ({ page: 'lands', target: note.target });

/** The reps' notes the signed-in reader has not read; opening one, or "Mark all read", marks them. */
export function HomeNotes({ overview, onChanged }: { overview: Overview; onChanged: () => void }) {
  const { api } = useSession();
  const { total, items } = overview.unreadNotes;
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const markAll = async () => {
    setBusy(true);
    // Up to when this page was read: a note that came in since stays unread.
    const result = await api.call(routes.markNotesRead, { body: { upTo: overview.generatedAt } });
    setBusy(false);
    setProblem(result.ok ? null : result.problem);
    if (result.ok) onChanged();
  };

  /** Marks the note read, then opens its target's details (in this tab, or another with a modifier). */
  const open = async (event: MouseEvent<HTMLAnchorElement>, note: UnreadNote) => {
    const elsewhere = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0;
    if (!elsewhere) event.preventDefault();
    const marking = api.call(routes.markNotesRead, { body: { ids: [note.id] } });
    if (elsewhere) {
      if ((await marking).ok) onChanged();
      return;
    }
    // Wait for the mark (a failure still opens the note), so coming back shows it read.
    await marking;
    navigate(detailOf(note));
  };

  return (
    <section className="console-panel home-notes" aria-labelledby="home-notes">
      <div className="home-section-head">
        <h2 id="home-notes">Notes not yet read ({total})</h2>
        <button type="button" className="cf-button cf-button--small" onClick={markAll} disabled={busy || total === 0}>
          Mark all read
        </button>
      </div>
      {problem && (
        <p className="console-error" role="alert">
          {problem.detail}
        </p>
      )}
      {items.length === 0 ? (
        <p>No notes to read. Reps' notes show here when they add one to a verdict in the sidebar.</p>
      ) : (
        <ul className="console-notes__list">
          {items.map((note) => (
            <li key={note.id}>
              <p>
                <a
                  href={routePath(detailOf(note))}
                  onClick={(event) => void open(event, note)}
                  onAuxClick={(event) => void open(event, note)}
                >
                  {note.title}
                </a>{' '}
                · <strong>{note.verdict === 'landed' ? 'Landed' : "Didn't land"}</strong>
                {note.reason ? ` · ${reasonLabel(note.reason)}` : ''} · {note.rep.name} ·{' '}
                <time dateTime={note.occurredAt}>{formatDateTime(note.occurredAt)}</time>
              </p>
              <blockquote className="console-note-text">{note.note}</blockquote>
            </li>
          ))}
        </ul>
      )}
      {total > items.length && (
        <p className="console-hint">
          The newest {items.length} of {plural(total, 'unread note')}.
        </p>
      )}
    </section>
  );
}
