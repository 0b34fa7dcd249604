// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsDiagnostics } from '../../../components/OptionsDiagnostics.tsx';
import type { SendOptionsRequest } from '../../../components/options/ask.ts';

afterEach(cleanup);

const TEXT = JSON.stringify({
  version: '0.1.0',
  sites: { gmail: { thread: { subject: { 'h2.hP': { answered: 3 } } } } },
});

describe('OptionsDiagnostics', () => {
  it('copies the diagnostics, confirms it, and shows them in a disclosure', async () => {
    const send = vi.fn<SendOptionsRequest>().mockResolvedValue({ ok: true, text: TEXT });
    const copy = vi.fn<(text: string) => Promise<void>>().mockResolvedValue(undefined);
    render(<OptionsDiagnostics send={send} copy={copy} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy diagnostics' }));
    await screen.findByText('Diagnostics copied. Paste them into your bug report.');
    expect(send).toHaveBeenCalledWith({ type: 'diagnostics' });
    expect(copy).toHaveBeenCalledWith(TEXT);
    expect(screen.getByText('Show the diagnostics').closest('details')?.textContent).toContain('h2.hP');
  });

  it('when the clipboard is refused, says so and still shows the text to copy by hand', async () => {
    const send = vi.fn<SendOptionsRequest>().mockResolvedValue({ ok: true, text: TEXT });
    const copy = vi.fn<(text: string) => Promise<void>>().mockRejectedValue(new Error('denied'));
    render(<OptionsDiagnostics send={send} copy={copy} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy diagnostics' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/clipboard/);
    expect(screen.getByText('Show the diagnostics')).toBeTruthy();
  });

  it("shows the background's refusal as a sentence", async () => {
    const send = vi.fn<SendOptionsRequest>().mockResolvedValue({ ok: false, message: 'Storage is unavailable.' });
    render(<OptionsDiagnostics send={send} copy={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy diagnostics' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Storage is unavailable.');
  });
});
