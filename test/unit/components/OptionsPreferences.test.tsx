// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { domainsFrom, OptionsPreferences } from '../../../components/OptionsPreferences.tsx';
import type { SendOptionsRequest } from '../../../components/options/ask.ts';
import type { OptionsRequest, Preferences, PreferencesResponse } from '../../../lib/messages.ts';

afterEach(cleanup);

/** A background that keeps preferences and refuses a domain with a space, as the real one does. */
function fakeBackground(initially: Preferences = { sitesOff: [], internalDomains: [] }) {
  let stored = initially;
  return vi.fn<SendOptionsRequest>(async (request: OptionsRequest): Promise<PreferencesResponse> => {
    if (request.type === 'preferences') return { ok: true, preferences: stored };
    if (request.type === 'set-preferences') {
      const next = request.preferences as Preferences;
      const bad = next.internalDomains.find((d) => !/^[a-z0-9.-]+\.[a-z]{2,}$/.test(d));
      if (bad) return { ok: false, message: `“${bad}” is not a domain. Enter one domain per line, like example.com.` };
      stored = next;
      return { ok: true, preferences: stored };
    }
    throw new Error(`unexpected ${request.type}`);
  });
}

describe('OptionsPreferences', () => {
  it('shows every site on by default, each a labelled checkbox', async () => {
    render(<OptionsPreferences send={fakeBackground()} />);
    for (const name of ['Gmail', 'Outlook on the web', 'Salesforce', 'HubSpot']) {
      const box = (await screen.findByRole('checkbox', { name })) as HTMLInputElement;
      await waitFor(() => expect(box.checked).toBe(true));
    }
    expect(screen.getByRole('group', { name: 'Sites' })).toBeTruthy();
  });

  it('switching a site off saves at once and says so', async () => {
    const send = fakeBackground();
    render(<OptionsPreferences send={send} />);
    const hubspot = (await screen.findByRole('checkbox', { name: 'HubSpot' })) as HTMLInputElement;
    await waitFor(() => expect(hubspot.disabled).toBe(false));
    fireEvent.click(hubspot);
    await screen.findByText(/HubSpot is off/);
    expect(send).toHaveBeenCalledWith({
      type: 'set-preferences',
      preferences: { sitesOff: ['hubspot'], internalDomains: [] },
    });
    expect(hubspot.checked).toBe(false);
  });

  /** A background whose saves wait until the test settles them, as a slow storage round trip does. */
  function slowBackground() {
    let stored: Preferences = { sitesOff: [], internalDomains: [] };
    const saves: { settle(ok: boolean): void }[] = [];
    const send = vi.fn<SendOptionsRequest>(async (request: OptionsRequest): Promise<PreferencesResponse> => {
      if (request.type === 'preferences') return { ok: true, preferences: stored };
      if (request.type !== 'set-preferences') throw new Error(`unexpected ${request.type}`);
      const next = request.preferences as Preferences;
      return new Promise((resolve) =>
        saves.push({
          settle(ok) {
            if (ok) stored = next;
            resolve(
              ok ? { ok: true, preferences: stored } : { ok: false, message: 'The browser could not save that.' },
            );
          },
        }),
      );
    });
    return { send, saves };
  }

  async function readyBox(name: string) {
    const box = (await screen.findByRole('checkbox', { name })) as HTMLInputElement;
    await waitFor(() => expect(box.disabled).toBe(false));
    return box;
  }

  it('a site checkbox answers the click at once, before the save comes back', async () => {
    const { send, saves } = slowBackground();
    render(<OptionsPreferences send={send} />);
    const hubspot = await readyBox('HubSpot');
    fireEvent.click(hubspot);
    expect(hubspot.checked).toBe(false);
    await waitFor(() => expect(saves).toHaveLength(1));
    saves[0]?.settle(true);
    await screen.findByText(/HubSpot is off/);
    expect(hubspot.checked).toBe(false);
  });

  it('a second site can be switched while the first is still saving, and both stick', async () => {
    const { send, saves } = slowBackground();
    render(<OptionsPreferences send={send} />);
    const hubspot = await readyBox('HubSpot');
    const gmail = await readyBox('Gmail');
    fireEvent.click(hubspot);
    fireEvent.click(gmail);
    expect([hubspot.checked, gmail.checked]).toEqual([false, false]);
    await waitFor(() => expect(saves).toHaveLength(2));
    expect(send).toHaveBeenLastCalledWith({
      type: 'set-preferences',
      preferences: { sitesOff: ['hubspot', 'gmail'], internalDomains: [] },
    });
    saves[0]?.settle(true);
    saves[1]?.settle(true);
    await screen.findByText(/Gmail is off/);
    expect([hubspot.checked, gmail.checked]).toEqual([false, false]);
  });

  it('a save that fails puts the checkbox back and says why', async () => {
    const { send, saves } = slowBackground();
    render(<OptionsPreferences send={send} />);
    const hubspot = await readyBox('HubSpot');
    fireEvent.click(hubspot);
    expect(hubspot.checked).toBe(false);
    await waitFor(() => expect(saves).toHaveLength(1));
    saves[0]?.settle(false);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('HubSpot is still on');
    expect(alert.textContent).toContain('The browser could not save that.');
    expect(hubspot.checked).toBe(true);
  });

  it('shows the saved internal domains and saves edits on Save, one per line', async () => {
    const send = fakeBackground({ sitesOff: ['salesforce'], internalDomains: ['northwind.io'] });
    render(<OptionsPreferences send={send} />);
    const box = (await screen.findByLabelText('Internal domains')) as HTMLTextAreaElement;
    await waitFor(() => expect(box.value).toBe('northwind.io'));
    fireEvent.change(box, { target: { value: 'northwind.io\n\n  coalface-demo.com  \n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Internal domains saved.');
    expect(send).toHaveBeenLastCalledWith({
      type: 'set-preferences',
      preferences: { sitesOff: ['salesforce'], internalDomains: ['northwind.io', 'coalface-demo.com'] },
    });
    expect(box.value).toBe('northwind.io\ncoalface-demo.com');
  });

  it('a bad domain is named in an alert and the field marked invalid', async () => {
    render(<OptionsPreferences send={fakeBackground()} />);
    const box = (await screen.findByLabelText('Internal domains')) as HTMLTextAreaElement;
    await waitFor(() => expect(box.disabled).toBe(false));
    fireEvent.change(box, { target: { value: 'northwind io' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain('“northwind io” is not a domain');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(box.getAttribute('aria-describedby')).toContain(screen.getByRole('alert').id);
  });

  it('a silent background is a sentence, not a blank form', async () => {
    render(<OptionsPreferences send={vi.fn<SendOptionsRequest>().mockRejectedValue(new Error('gone'))} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/did not answer/);
  });

  it('reads domains one per line, skipping blanks', () => {
    expect(domainsFrom(' a.com \r\n\nb.org\n')).toEqual(['a.com', 'b.org']);
  });
});
