import type { ReactNode } from 'react';
import { navigate, type Route, routePath, useRoute } from '../lib/router.ts';
import { useSession } from '../lib/session.tsx';
import { pageAllowed } from './Pages.tsx';

interface ShellProps {
  onSignOut: () => void;
  /** The sign-in form shown when the token stopped working; the page below stays as it was. */
  expiredNotice: ReactNode;
  children: ReactNode;
}

const SECTIONS: readonly { label: string; route: Route; pages: readonly Route['page'][] }[] = [
  { label: 'Home', route: { page: 'home' }, pages: ['home'] },
  { label: 'Campaigns', route: { page: 'campaigns' }, pages: ['campaigns', 'campaign', 'newCampaign'] },
  { label: 'Talking points', route: { page: 'points' }, pages: ['points', 'point', 'newPoint'] },
  { label: 'What lands', route: { page: 'lands' }, pages: ['lands'] },
  { label: 'Funnel', route: { page: 'funnel' }, pages: ['funnel'] },
  { label: 'Sources', route: { page: 'sources' }, pages: ['sources'] },
  { label: 'Import', route: { page: 'import' }, pages: ['import'] },
  { label: 'Try it', route: { page: 'tryIt' }, pages: ['tryIt'] },
];

/** Header with the console's sections (those the role may use), who is signed in, and sign out. */
export function Shell({ onSignOut, expiredNotice, children }: ShellProps) {
  const { me } = useSession();
  const route = useRoute();
  return (
    <>
      <a className="console-skip" href="#main">
        Skip to content
      </a>
      <header className="console-header">
        <p className="console-brand">Coalface console</p>
        <nav aria-label="Console sections">
          <ul className="console-nav">
            {SECTIONS.filter((section) => pageAllowed(me.role, section.route.page)).map((section) => (
              <li key={section.label}>
                <a
                  href={routePath(section.route)}
                  aria-current={section.pages.includes(route.page) ? 'page' : undefined}
                  onClick={(event) => {
                    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                    event.preventDefault();
                    navigate(section.route);
                  }}
                >
                  {section.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p className="console-who">
          {me.name} <span className="console-role">{me.role}</span>
        </p>
        <button type="button" className="cf-button cf-button--small" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      {expiredNotice && (
        <section className="console-expired" aria-label="Sign in again">
          {expiredNotice}
        </section>
      )}
      <main id="main" className="console-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
