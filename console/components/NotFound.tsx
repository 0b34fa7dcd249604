import type { Route } from '../lib/router.ts';
import { Link } from './Link.tsx';

/** An address that names no page of the console (mistyped, cut short, or not well-formed). */
export function NotFound({ home }: { home: { route: Route; label: string } }) {
  return (
    <section aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p>The console has no page at this address. It may be mistyped or cut short.</p>
      <p>
        <Link to={home.route}>{home.label}</Link>
      </p>
    </section>
  );
}
