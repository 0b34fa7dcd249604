import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../console/App.tsx';
import { savePendingSignIn } from '../../../console/lib/pendingSignIn.ts';
import { CAMPAIGN, problem } from './fake-endpoint.tsx';
import { fakeSignIn, idToken, MARKETER_SESSION, PENDING, PROVIDER } from './fake-provider.ts';

const TOKEN_KEY = 'coalface.console.token';

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  history.replaceState(null, '', '/console');
});
afterEach(cleanup);

/** Where the provider sends the browser back after a sign-in this tab started. */
function returnFromProvider(search: string) {
  savePendingSignIn(PENDING);
  history.replaceState(null, '', `/console/${search}`);
}

describe('signing in to the console with the company’s provider', () => {
  it('offers the provider first and the access token under "Use an access token instead"', async () => {
    render(<App fetch={fakeSignIn().fetch} />);
    const button = await screen.findByRole('button', { name: 'Sign in with Acme Okta' });
    const details = screen.getByText('Use an access token instead').closest('details');
    expect(details?.open).toBe(false);
    expect(within(details as HTMLElement).getByLabelText('Access token')).toBeTruthy();
    expect(button.compareDocumentPosition(details as Node) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows the token form alone when the endpoint names no provider', async () => {
    const fake = fakeSignIn({ providers: [] });
    render(<App fetch={fake.fetch} />);
    await waitFor(() => expect(fake.calls.map((c) => c.path)).toContain('/v1/auth/providers'));
    expect(screen.queryByRole('button', { name: /Sign in with/ })).toBeNull();
    expect(screen.getByLabelText('Access token').closest('details')).toBeNull();
  });

  it('comes back signed in, on the page it left, with the code gone from the address', async () => {
    returnFromProvider(`?code=c0de&state=${PENDING.state}`);
    const fake = fakeSignIn({
      other: (call) => (call.path === '/v1/campaigns/q4-cloud-savings' ? { status: 200, body: CAMPAIGN } : undefined),
    });
    render(<App fetch={fake.fetch} />);
    expect(screen.getByText('Signing you in…')).toBeTruthy();
    expect(await screen.findByRole('navigation', { name: 'Console sections' })).toBeTruthy();
    expect(screen.getByText('Mia Marketer')).toBeTruthy();
    expect(location.pathname + location.search).toBe('/console/campaigns/q4-cloud-savings');
    expect(sessionStorage.getItem(TOKEN_KEY)).toBe(MARKETER_SESSION.token);
    expect(await screen.findByLabelText('Name')).toBeTruthy();
  });

  it('says the provider denied access, on the sign-in screen, and clears the answer from the address', async () => {
    returnFromProvider(`?error=access_denied&state=${PENDING.state}`);
    render(<App fetch={fakeSignIn().fetch} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Acme Okta did not sign you in: access was denied/);
    expect(location.search).toBe('');
    expect(await screen.findByRole('button', { name: 'Sign in with Acme Okta' })).toBeTruthy();
  });

  it('refuses an answer this tab did not ask for', async () => {
    returnFromProvider('?code=c0de&state=forged');
    const fake = fakeSignIn();
    render(<App fetch={fake.fetch} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/state does not match/);
    expect(fake.tokenCalls).toEqual([]);
    expect(sessionStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it("shows the endpoint's reason when it refuses the ID token", async () => {
    returnFromProvider(`?code=c0de&state=${PENDING.state}`);
    const fake = fakeSignIn({ session: () => ({ status: 401, body: problem(401, 'Email domain not allowed.') }) });
    render(<App fetch={fake.fetch} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /did not accept your sign-in.*Email domain not allowed\./,
    );
    expect(sessionStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it('tells a rep plainly that the console is not for reps', async () => {
    returnFromProvider(`?code=c0de&state=${PENDING.state}`);
    const fake = fakeSignIn({
      session: () => ({ status: 201, body: { ...MARKETER_SESSION, role: 'rep', name: 'Raj Rep' } }),
    });
    render(<App fetch={fake.fetch} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /Raj Rep is a rep account: the console is not for reps/,
    );
    expect(screen.queryByRole('navigation', { name: 'Console sections' })).toBeNull();
    expect(sessionStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it('after the session expires mid-edit, signs in again and returns to the edit with the draft', async () => {
    // Signed in with a session; saving meets a 401: the session has expired.
    sessionStorage.setItem(TOKEN_KEY, MARKETER_SESSION.token);
    history.replaceState(null, '', '/console/campaigns/q4-cloud-savings');
    let nonce = '';
    const fake = fakeSignIn({
      token: () => ({ status: 200, body: { id_token: idToken({ nonce }) } }),
      other: (call) => {
        if (call.method === 'GET' && call.path === '/v1/campaigns/q4-cloud-savings')
          return { status: 200, body: CAMPAIGN };
        if (call.method === 'PATCH') return { status: 401, body: problem(401, 'Session expired.') };
        return undefined;
      },
    });
    const go = vi.fn<(url: string) => void>();
    render(<App fetch={fake.fetch} go={go} />);
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'Q4 Savings, unsaved' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save campaign' }));
    const again = await screen.findByRole('region', { name: 'Sign in again' });
    expect(within(again).getByText(/Your session has ended/)).toBeTruthy();
    fireEvent.click(await within(again).findByRole('button', { name: 'Sign in with Acme Okta' }));
    await waitFor(() => expect(go).toHaveBeenCalledTimes(1));
    // The browser leaves for the provider: this page is gone, the draft is on the device.
    cleanup();

    const sent = new URL(go.mock.calls[0]?.[0] ?? '');
    expect(sent.origin + sent.pathname).toBe(PROVIDER.authorizationEndpoint);
    nonce = sent.searchParams.get('nonce') ?? '';
    history.replaceState(null, '', `/console/?code=c0de&state=${sent.searchParams.get('state')}`);
    render(<App fetch={fake.fetch} />);
    expect(await screen.findByText(/Restored your unsaved edits/)).toBeTruthy();
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Q4 Savings, unsaved');
    expect(location.pathname).toBe('/console/campaigns/q4-cloud-savings');
  });
});
