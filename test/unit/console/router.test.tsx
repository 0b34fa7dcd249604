import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Pages } from '../../../console/components/Pages.tsx';
import { parseRoute, routePath } from '../../../console/lib/router.ts';
import { fakeFetch, renderSignedIn } from './fake-endpoint.tsx';

afterEach(() => history.replaceState(null, '', '/'));

describe('console routes', () => {
  it('reads every page from its path, and back', () => {
    expect(parseRoute('/console')).toEqual({ page: 'home' });
    expect(parseRoute('/console/')).toEqual({ page: 'home' });
    expect(routePath({ page: 'home' })).toBe('/console/');
    expect(parseRoute('/console/campaigns/q4%3Acloud')).toEqual({ page: 'campaign', key: 'q4:cloud' });
    expect(parseRoute('/console/talking-points/new')).toEqual({ page: 'newPoint' });
    expect(routePath({ page: 'campaign', key: 'q4:cloud' })).toBe('/console/campaigns/q4%3Acloud');
  });

  it('answers a malformed or unknown address with the not-found page instead of throwing', () => {
    expect(() => parseRoute('/console/campaigns/%E0%A4%A')).not.toThrow();
    expect(parseRoute('/console/campaigns/%E0%A4%A').page).toBe('notFound');
    expect(parseRoute('/console/%').page).toBe('notFound');
    expect(parseRoute('/console/no-such-page').page).toBe('notFound');
  });

  it('shows the not-found view, with a way back, for a malformed address', async () => {
    history.replaceState(null, '', '/console/campaigns/%E0%A4%A');
    const endpoint = fakeFetch(() => undefined);
    renderSignedIn(<Pages />, endpoint.fetch);
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to the home page' }).getAttribute('href')).toBe('/console/');
    expect(document.title).toBe('Page not found · Coalface console');
    expect(endpoint.calls).toEqual([]);
  });
});
