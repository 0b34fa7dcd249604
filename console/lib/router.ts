import { useEffect, useState } from 'react';
import type { FeedbackTarget } from '../../lib/contract/feedback.ts';

// The console's pages are paths under /console; the server answers every one with index.html.
export const BASE = '/console';

export type Route =
  | { page: 'home' }
  | { page: 'campaigns' }
  | { page: 'campaign'; key: string }
  | { page: 'newCampaign' }
  | { page: 'points' }
  | { page: 'point'; id: string }
  | { page: 'newPoint' }
  /** With a target: its details open (a point's or a campaign message's). */
  | { page: 'lands'; target?: FeedbackTarget }
  | { page: 'funnel' }
  | { page: 'sources' }
  | { page: 'import' }
  | { page: 'tryIt' }
  /** An address that names no page, or one that is not even well-formed (`%E0%A4%A`). */
  | { page: 'notFound'; path: string };

/** Each segment decoded, or null when one is malformed percent-encoding. */
function segments(rest: string): string[] | null {
  try {
    return rest.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
}

/** The path segment of a target's details under /lands, by its kind. */
const LANDS_SEGMENT = { talkingPoint: 'talking-points', campaignMessage: 'campaigns' } as const;
const LANDS_KIND = new Map<string, FeedbackTarget['kind']>([
  ['talking-points', 'talkingPoint'],
  ['campaigns', 'campaignMessage'],
]);

export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = segments(rest);
  if (!parts) return { page: 'notFound', path: pathname };
  const [first, second, third] = parts;
  if (first === undefined) return { page: 'home' };
  if (first === 'campaigns' && !second) return { page: 'campaigns' };
  if (first === 'new-campaign') return { page: 'newCampaign' };
  if (first === 'campaigns' && second) return { page: 'campaign', key: second };
  if (first === 'talking-points' && second === 'new') return { page: 'newPoint' };
  if (first === 'talking-points' && second) return { page: 'point', id: second };
  if (first === 'talking-points') return { page: 'points' };
  const kind = second === undefined ? undefined : LANDS_KIND.get(second);
  if (first === 'lands' && kind && third) return { page: 'lands', target: { kind, id: third } };
  if (first === 'lands') return { page: 'lands' };
  if (first === 'funnel') return { page: 'funnel' };
  if (first === 'sources') return { page: 'sources' };
  if (first === 'import') return { page: 'import' };
  if (first === 'try-it') return { page: 'tryIt' };
  return { page: 'notFound', path: pathname };
}

export function routePath(route: Route): string {
  switch (route.page) {
    case 'home':
      return `${BASE}/`;
    case 'campaigns':
      return `${BASE}/campaigns`;
    case 'campaign':
      return `${BASE}/campaigns/${encodeURIComponent(route.key)}`;
    case 'newCampaign':
      return `${BASE}/new-campaign`;
    case 'points':
      return `${BASE}/talking-points`;
    case 'newPoint':
      return `${BASE}/talking-points/new`;
    case 'point':
      return `${BASE}/talking-points/${encodeURIComponent(route.id)}`;
    case 'lands':
      return route.target
        ? `${BASE}/lands/${LANDS_SEGMENT[route.target.kind]}/${encodeURIComponent(route.target.id)}`
        : `${BASE}/lands`;
    case 'funnel':
      return `${BASE}/funnel`;
    case 'sources':
      return `${BASE}/sources`;
    case 'import':
      return `${BASE}/import`;
    case 'tryIt':
      return `${BASE}/try-it`;
    case 'notFound':
      return route.path;
  }
}

const NAVIGATED = 'coalface:navigate';

export function navigate(route: Route): void {
  const path = routePath(route);
  if (location.pathname !== path) history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** The current route, following links, back and forward. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname));
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATED, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATED, update);
    };
  }, []);
  return route;
}
