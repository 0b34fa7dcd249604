// @vitest-environment happy-dom
// Options for a rep whose IT set the endpoint: "Sign in with <provider>" at once, the endpoint shown
// locked with the reason, the token form folded under "Use an access token instead"; signed in,
// who they are and "Sign out"; after a session ended, "Signed out — sign in again". The sidebar's
// signed-out state offers the same in one click.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsForm } from '../../../components/OptionsForm.tsx';
import type { SendOptionsRequest } from '../../../components/options/ask.ts';
import { Sidebar } from '../../../components/Sidebar.tsx';
import type { OptionsRequest } from '../../../lib/messages.ts';

afterEach(cleanup);

const ENDPOINT = 'https://coalface.northwind.example';
const provider = { id: 'sso_0123456789abcdef', name: 'Northwind ID' };

function background(connection: Record<string, unknown>) {
  return vi.fn<SendOptionsRequest>(async (request: OptionsRequest) => {
    if (request.type === 'connection') return { ok: true, connection };
    if (request.type === 'auth-providers') return { ok: true, providers: [provider] };
    if (request.type === 'sign-in')
      return {
        ok: true,
        connection: {
          connected: true,
          endpoint: ENDPOINT,
          endpointLocked: true,
          me: { tokenId: 'ses_1', name: 'Dana Rep', role: 'rep' },
          session: { expiresAt: '2026-12-01T21:00:00.000Z', provider },
        },
      };
    return { ok: false, message: 'unexpected' };
  });
}

describe('Options with a managed endpoint', () => {
  it('offers to sign in right away, with the endpoint locked and why', async () => {
    const send = background({ connected: false, endpoint: ENDPOINT, endpointLocked: true });
    render(<OptionsForm send={send} />);
    const signIn = await screen.findByRole('button', { name: 'Sign in with Northwind ID' });
    const field = screen.getByLabelText('Endpoint URL') as HTMLInputElement;
    expect(field.value).toBe(ENDPOINT);
    expect(field.disabled).toBe(true);
    expect(screen.getByText("Set by your company's IT (managed policy)")).toBeTruthy();
    expect(field.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText('Use an access token instead')).toBeTruthy();

    fireEvent.click(signIn);
    expect(await screen.findByText('Signed in as Dana Rep (rep)')).toBeTruthy();
    expect(send).toHaveBeenCalledWith({ type: 'sign-in', endpoint: ENDPOINT, providerId: provider.id });
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('says the rep was signed out and offers the provider again', async () => {
    render(<OptionsForm send={background({ connected: false, endpoint: ENDPOINT, signedOut: provider })} />);
    expect(await screen.findByText('Signed out — sign in again.')).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Sign in with Northwind ID' })).toBeTruthy();
  });
});

describe('the signed-out sidebar', () => {
  it('says so and signs in again in one click', () => {
    const onIntent = vi.fn();
    render(<Sidebar state={{ status: 'signed_out' }} onIntent={onIntent} />);
    expect(screen.getByText('Signed out — sign in again.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(onIntent).toHaveBeenCalledWith({ type: 'sign-in' });
  });
});
