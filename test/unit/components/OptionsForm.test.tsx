// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsForm } from '../../../components/OptionsForm.tsx';
import type { SendOptionsRequest } from '../../../components/options/ask.ts';
import type { OptionsRequest, OptionsResponse } from '../../../lib/messages.ts';

afterEach(cleanup);

const notConnected: OptionsResponse = { ok: true, connection: { connected: false } };
const connectedAsDana: OptionsResponse = {
  ok: true,
  connection: {
    connected: true,
    endpoint: 'https://coalface.northwind.example',
    me: { tokenId: 'tok_7f3a', name: 'Dana Rep', role: 'rep' },
  },
};

/** A background that answers `connection` with `initially` and every other request from `replies`, in order. */
function fakeBackground(initially: OptionsResponse, ...replies: (OptionsResponse | Error)[]) {
  return vi.fn<SendOptionsRequest>(async (request: OptionsRequest) => {
    if (request.type === 'connection') return initially;
    const reply = replies.shift();
    if (reply instanceof Error) throw reply;
    return reply;
  });
}

function fillIn(endpoint: string, token: string) {
  fireEvent.change(screen.getByLabelText('Endpoint URL'), { target: { value: endpoint } });
  fireEvent.change(screen.getByLabelText('Access token'), { target: { value: token } });
  fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
}

describe('OptionsForm', () => {
  it('asks for the current connection and offers the local endpoint by default', async () => {
    const send = fakeBackground(notConnected);
    render(<OptionsForm send={send} />);
    await screen.findByText('Not connected.');
    expect(screen.getByRole('status').textContent).toBe('Not connected.');
    expect(send).toHaveBeenCalledWith({ type: 'connection' });
    expect((screen.getByLabelText('Endpoint URL') as HTMLInputElement).value).toBe('http://127.0.0.1:8787');
    expect((screen.getByLabelText('Access token') as HTMLInputElement).type).toBe('password');
  });

  it('shows an existing connection on load', async () => {
    render(<OptionsForm send={fakeBackground(connectedAsDana)} />);
    expect(await screen.findByText('Connected to https://coalface.northwind.example as Dana Rep (rep)')).toBeTruthy();
  });

  it.each([
    'ftp://coalface.example',
    'coalface.example',
    'javascript:alert(1)',
  ])('refuses %s without sending it', async (endpoint) => {
    const send = fakeBackground(notConnected);
    render(<OptionsForm send={send} />);
    await screen.findByText('Not connected.');
    fillIn(endpoint, 'secret-token');
    expect((await screen.findByRole('alert')).textContent).toMatch(/must start with https:\/\/|not a URL/);
    expect(screen.getByLabelText('Endpoint URL').getAttribute('aria-invalid')).toBe('true');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it.each([
    'http://coalface.northwind.example',
    'http://10.0.0.5:8787',
    'http://127.0.0.1.nip.io:8787',
  ])('refuses %s: the token would travel unencrypted, and the field says so', async (endpoint) => {
    const send = fakeBackground(notConnected);
    render(<OptionsForm send={send} />);
    await screen.findByText('Not connected.');
    fillIn(endpoint, 'secret-token');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Use https:\/\//);
    expect(alert.textContent).toMatch(/unencrypted/);
    expect(screen.getByLabelText('Endpoint URL').getAttribute('aria-describedby')).toBe(alert.id);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it.each([
    'http://localhost:8787',
    'http://127.0.0.1:8787',
    'http://[::1]:8787',
    'https://coalface.northwind.example',
  ])('accepts %s (https, or http on this computer)', async (endpoint) => {
    const send = fakeBackground(notConnected, connectedAsDana);
    render(<OptionsForm send={send} />);
    await screen.findByText('Not connected.');
    fillIn(endpoint, 'cf_rep_abc123');
    await screen.findByRole('button', { name: 'Disconnect' });
    expect(send).toHaveBeenLastCalledWith({ type: 'connect', endpoint, token: 'cf_rep_abc123' });
  });

  it('connects and says as whom', async () => {
    const send = fakeBackground(notConnected, connectedAsDana);
    render(<OptionsForm send={send} />);
    await screen.findByText('Not connected.');
    fillIn('https://coalface.northwind.example/', '  cf_rep_abc123  ');
    await screen.findByText('Connected to https://coalface.northwind.example as Dana Rep (rep)');
    expect(screen.getByRole('status').textContent).toBe(
      'Connected to https://coalface.northwind.example as Dana Rep (rep)',
    );
    expect(send).toHaveBeenLastCalledWith({
      type: 'connect',
      endpoint: 'https://coalface.northwind.example',
      token: 'cf_rep_abc123',
    });
    expect(screen.getByRole('button', { name: 'Disconnect' })).toBeTruthy();
  });

  it('shows why a connection failed', async () => {
    const message = 'The endpoint refused this token (401). Check the token, or ask your admin for a new one.';
    render(<OptionsForm send={fakeBackground(notConnected, { ok: false, message })} />);
    await screen.findByText('Not connected.');
    fillIn('http://127.0.0.1:8787', 'wrong');
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(screen.queryByRole('button', { name: 'Disconnect' })).toBeNull();
  });

  it('says so when the background does not answer', async () => {
    render(<OptionsForm send={fakeBackground(notConnected, new Error('Could not establish connection.'))} />);
    await screen.findByText('Not connected.');
    fillIn('http://127.0.0.1:8787', 'cf_rep_abc123');
    expect((await screen.findByRole('alert')).textContent).toMatch(/did not answer/);
  });

  it('disconnects and returns to the form with the endpoint kept', async () => {
    const send = fakeBackground(connectedAsDana, {
      ok: true,
      connection: { connected: false, endpoint: 'https://coalface.northwind.example' },
    });
    render(<OptionsForm send={send} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Disconnect' }));
    expect(await screen.findByText('Not connected.')).toBeTruthy();
    expect(send).toHaveBeenLastCalledWith({ type: 'disconnect' });
    expect((screen.getByLabelText('Endpoint URL') as HTMLInputElement).value).toBe(
      'https://coalface.northwind.example',
    );
  });
});
