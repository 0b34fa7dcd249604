import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../console/App.tsx';
import { fakeFetch, problem } from './fake-endpoint.tsx';

const TOKENS = {
  cf_rep: { tokenId: 'r', name: 'Raj Rep', role: 'rep' },
  cf_marketer: { tokenId: 'm', name: 'Mia Marketer', role: 'marketer' },
} as const;

function endpoint() {
  return fakeFetch((call) => {
    const token = call.headers.Authorization?.replace('Bearer ', '') ?? '';
    if (call.path === '/v1/me') {
      const me = TOKENS[token as keyof typeof TOKENS];
      return me ? { status: 200, body: me } : { status: 401, body: problem(401, 'Unknown token.') };
    }
    if (call.path === '/v1/campaigns') return { status: 200, body: { campaigns: [] } };
    return undefined;
  });
}

const signIn = (token: string) => {
  fireEvent.change(screen.getByLabelText('Access token'), { target: { value: token } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
};

beforeEach(() => {
  sessionStorage.clear();
  history.replaceState(null, '', '/console');
});
afterEach(cleanup);

describe('signing in to the console', () => {
  it('tells a rep plainly that a rep token has no access', async () => {
    render(<App fetch={endpoint().fetch} />);
    signIn('cf_rep');
    expect((await screen.findByRole('alert')).textContent).toMatch(/rep token \(Raj Rep\): it has no access/);
    expect(sessionStorage.length).toBe(0);
  });

  it('says so when the endpoint does not know the token', async () => {
    render(<App fetch={endpoint().fetch} />);
    signIn('cf_nobody');
    expect((await screen.findByRole('alert')).textContent).toMatch(/does not know this token/);
  });

  it('signs a marketer in, keeps the token in this tab only (never the URL), and signs out', async () => {
    render(<App fetch={endpoint().fetch} />);
    signIn('cf_marketer');
    expect(await screen.findByRole('navigation', { name: 'Console sections' })).toBeTruthy();
    expect(screen.getByText('Mia Marketer')).toBeTruthy();
    expect(sessionStorage.getItem('coalface.console.token')).toBe('cf_marketer');
    expect(location.href).not.toContain('cf_marketer');
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(screen.getByLabelText('Access token')).toBeTruthy();
    expect(sessionStorage.getItem('coalface.console.token')).toBeNull();
  });

  it('asks again when the session expires, without leaving the page', async () => {
    const fake = fakeFetch((call) => {
      if (call.path === '/v1/me') return { status: 200, body: TOKENS.cf_marketer };
      return { status: 401, body: problem(401, 'Token revoked.') };
    });
    sessionStorage.setItem('coalface.console.token', 'cf_marketer');
    render(<App fetch={fake.fetch} />);
    expect(await screen.findByText(/Your session has ended/)).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Console sections' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Home', level: 1 })).toBeTruthy();
  });
});
