import type { ReactNode } from 'react';
import { navigate, type Route, routePath } from '../lib/router.ts';

interface LinkProps {
  to: Route;
  className?: string;
  children: ReactNode;
}

/** A real link (opens in a new tab with a modifier) that moves within the console without a reload. */
export function Link({ to, className, children }: LinkProps) {
  return (
    <a
      href={routePath(to)}
      className={className}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
