import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { Problem } from '../../lib/contract/common.ts';
import type { DemoStory } from '../../lib/contract/demo-stories.ts';
import { routes } from '../../lib/contract/routes.ts';
import { useSession } from '../lib/session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { ProblemAlert } from './ProblemAlert.tsx';

/**
 * "Try it on your own mailbox": the demo leads are people nobody has a thread with, so a marketer
 * gives someone they really correspond with a demo lead's story, opens that thread, and sees the
 * sidebar at work; each such address is listed with Remove.
 */
export function DemoMailboxPage() {
  const { api } = useSession();
  const load = useCallback(() => api.call(routes.listDemoStories), [api]);
  const { loaded, reload } = useLoad(load);
  return (
    <>
      <div className="console-page-head">
        <h1>Try it on your own mailbox</h1>
      </div>
      <p className="console-hint">
        The demo leads are people you have no thread with. Give the address of someone you really correspond with the
        demo story of Dana Lee (VP Finance, an MQL in two campaigns, with recent engagement): the sidebar then shows it
        when you open a thread with them. It is demo data, removed in one step; a real lead is never touched.
      </p>
      <GiveStory onGiven={reload} />
      {loaded.state === 'loading' && <p className="console-loading">Loading demo addresses…</p>}
      {loaded.state === 'failed' && <ProblemAlert problem={loaded.problem} what="Could not load the demo addresses." />}
      {loaded.state === 'ready' && <DemoStories initial={loaded.data.stories} />}
    </>
  );
}

function GiveStory({ onGiven }: { onGiven: () => void }) {
  const { api } = useSession();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<Problem | null>(null);
  const [given, setGiven] = useState<DemoStory | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailed(null);
    setGiven(null);
    const result = await api.call(routes.giveDemoStory, { body: { email } });
    setBusy(false);
    if (!result.ok) return setFailed(result.problem);
    setGiven(result.data);
    setEmail('');
    onGiven();
  };

  return (
    <form className="console-form" onSubmit={submit} aria-label="Give an address a demo story">
      <label className="cf-field">
        <span>Address of someone you correspond with</span>
        <input
          type="email"
          required
          value={email}
          placeholder="someone@their-company.com"
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <button type="submit" className="cf-button" disabled={busy || email.trim() === ''}>
        Give it a demo story
      </button>
      {failed && <ProblemAlert problem={failed} what="Not given a demo story." />}
      {given && (
        <output className="console-hint cf-status">
          Done: {given.email} now has {given.name ? `${given.name}'s` : 'a'} demo story. Open a thread with{' '}
          {given.email} in Gmail or Outlook, with the extension connected to this endpoint, and the sidebar shows it.
        </output>
      )}
    </form>
  );
}

export function DemoStories({ initial }: { initial: readonly DemoStory[] }) {
  const { api } = useSession();
  const [stories, setStories] = useState(initial);
  const [failed, setFailed] = useState<Problem | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => setStories(initial), [initial]);

  const remove = async (story: DemoStory) => {
    setFailed(null);
    const result = await api.call(routes.removeDemoStory, { params: { email: story.email } });
    if (!result.ok) return setFailed(result.problem);
    setStories((list) => list.filter((s) => s.email !== story.email));
    setStatus(`Removed the demo story of ${story.email}: the lead, its engagement, and what reps said about it.`);
  };

  return (
    <section aria-labelledby="demo-stories-heading">
      <h2 id="demo-stories-heading">Demo addresses</h2>
      <output className="console-hint cf-status">{status}</output>
      {failed && <ProblemAlert problem={failed} what="Not removed." />}
      {stories.length === 0 ? (
        <p>No address has a demo story yet.</p>
      ) : (
        <table className="console-table" aria-label="Demo addresses">
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">Name</th>
              <th scope="col">Story of</th>
              <th scope="col">Given</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {stories.map((story) => (
              <tr key={story.email}>
                <th scope="row">{story.email}</th>
                <td>{story.name ?? '—'}</td>
                <td>{story.demoOf}</td>
                <td>{new Date(story.createdAt).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC</td>
                <td>
                  <button
                    type="button"
                    className="cf-button cf-button--small"
                    aria-label={`Remove ${story.email}`}
                    onClick={() => remove(story)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
