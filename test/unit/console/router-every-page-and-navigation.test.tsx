import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { navigate, parseRoute, type Route, routePath, useRoute } from '../../../console/lib/router.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  history.replaceState(null, '', '/');
});

const PAGES: [string, Route][] = [
  ['/console/', { page: 'home' }],
  ['/console/campaigns', { page: 'campaigns' }],
  ['/console/campaigns/q4-cloud', { page: 'campaign', key: 'q4-cloud' }],
  ['/console/new-campaign', { page: 'newCampaign' }],
  ['/console/talking-points', { page: 'points' }],
  ['/console/talking-points/new', { page: 'newPoint' }],
  ['/console/talking-points/tp_1', { page: 'point', id: 'tp_1' }],
  ['/console/lands', { page: 'lands' }],
  ['/console/lands/talking-points/tp_1', { page: 'lands', target: { kind: 'talkingPoint', id: 'tp_1' } }],
  ['/console/lands/campaigns/q4%3Acloud', { page: 'lands', target: { kind: 'campaignMessage', id: 'q4:cloud' } }],
  ['/console/funnel', { page: 'funnel' }],
];

describe('every console page has its own address', () => {
  it.each(PAGES)('%s opens %o, and that page links back to the same address', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
    expect(routePath(route)).toBe(path);
  });

  it('reads a page from its path even without the /console prefix or with a trailing slash', () => {
    expect(parseRoute('/lands/')).toEqual({ page: 'lands' });
    expect(parseRoute('/console/talking-points/')).toEqual({ page: 'points' });
  });

  it('does not take a segment under another page for a talking point', () => {
    expect(parseRoute('/console/lands/new')).toEqual({ page: 'lands' });
    expect(parseRoute('/console/lands/constructor/x')).toEqual({ page: 'lands' });
    expect(parseRoute('/console/lands/talking-points')).toEqual({ page: 'lands' });
    expect(parseRoute('/console/funnel/tp_1')).toEqual({ page: 'funnel' });
    expect(parseRoute('/console/new-campaign/new')).toEqual({ page: 'newCampaign' });
  });

  it('keeps an unknown address as typed, so the not-found page links to it', () => {
    const route = parseRoute('/console/reports');
    expect(route).toEqual({ page: 'notFound', path: '/console/reports' });
    expect(routePath(route)).toBe('/console/reports');
  });

  it('encodes a talking point id that holds a slash or a space', () => {
    expect(routePath({ page: 'point', id: 'tp/1 a' })).toBe('/console/talking-points/tp%2F1%20a');
    expect(parseRoute('/console/talking-points/tp%2F1%20a')).toEqual({ page: 'point', id: 'tp/1 a' });
  });
});

describe('moving between pages', () => {
  it('navigate puts the page in the address bar, once, and the current route follows', () => {
    history.replaceState(null, '', '/console/campaigns');
    const { result } = renderHook(() => useRoute());
    expect(result.current).toEqual({ page: 'campaigns' });
    const before = history.length;

    act(() => navigate({ page: 'point', id: 'tp_9' }));
    expect(location.pathname).toBe('/console/talking-points/tp_9');
    expect(history.length).toBe(before + 1);
    expect(result.current).toEqual({ page: 'point', id: 'tp_9' });

    // Going to the page already shown adds no history entry (Back still leaves it).
    act(() => navigate({ page: 'point', id: 'tp_9' }));
    expect(history.length).toBe(before + 1);
  });

  it('follows the browser’s back and forward buttons', () => {
    history.replaceState(null, '', '/console/lands');
    const { result } = renderHook(() => useRoute());
    expect(result.current).toEqual({ page: 'lands' });
    act(() => {
      history.replaceState(null, '', '/console/funnel');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(result.current).toEqual({ page: 'funnel' });
  });

  it('stops listening for navigation once the page is gone', () => {
    const removed = vi.spyOn(window, 'removeEventListener');
    const { unmount } = renderHook(() => useRoute());
    unmount();
    const events = removed.mock.calls.map(([type]) => type);
    expect(events).toContain('popstate');
    expect(events).toContain('coalface:navigate');
  });
});
