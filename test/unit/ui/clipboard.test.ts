// @vitest-environment happy-dom
// copyText's order: the async Clipboard API first; when it is refused or absent, the selection in a
// hidden textarea copied with execCommand('copy'); a refusal only when both fail.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { copyText } from '../../../lib/ui/clipboard.ts';

const TEXT = 'Ask which line runs below 60% utilisation.';
const REFUSED = new DOMException(
  'The Clipboard API has been blocked because of a permissions policy.',
  'NotAllowedError',
);

/** What execCommand('copy') copied each time: the selected text of the focused textarea. */
let copiedBySelection: string[];
let selectionCopies: boolean;

function stubClipboard(writeText?: (text: string) => Promise<void>) {
  const spy = writeText && vi.fn(writeText);
  vi.stubGlobal('navigator', { ...navigator, clipboard: spy ? { writeText: spy } : undefined });
  return spy;
}

beforeEach(() => {
  copiedBySelection = [];
  selectionCopies = true;
  // happy-dom has no execCommand: this one copies what a browser would, the focused textarea's selection.
  Object.defineProperty(document, 'execCommand', {
    configurable: true,
    value: vi.fn((command: string) => {
      const area = document.activeElement;
      if (command !== 'copy' || !(area instanceof HTMLTextAreaElement)) return false;
      if (!selectionCopies) return false;
      copiedBySelection.push(area.value.slice(area.selectionStart, area.selectionEnd));
      return true;
    }),
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(document, 'execCommand');
  document.body.replaceChildren();
});

describe('copyText', () => {
  it('writes through the Clipboard API and leaves the selection alone when that works', async () => {
    const writeText = stubClipboard(async () => {});
    await expect(copyText(TEXT)).resolves.toEqual({ ok: true });
    expect(writeText).toHaveBeenCalledWith(TEXT);
    expect(document.execCommand).not.toHaveBeenCalled();
  });

  it('copies the selected text when the Clipboard API is refused, then gives focus back and leaves no textarea', async () => {
    stubClipboard(async () => {
      throw REFUSED;
    });
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    await expect(copyText(TEXT)).resolves.toEqual({ ok: true });
    expect(copiedBySelection).toEqual([TEXT]);
    expect(document.activeElement).toBe(button);
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('copies the selected text where there is no Clipboard API', async () => {
    stubClipboard(undefined);
    await expect(copyText(TEXT)).resolves.toEqual({ ok: true });
    expect(copiedBySelection).toEqual([TEXT]);
  });

  it("gives the Clipboard API's refusal when the selection cannot be copied either", async () => {
    stubClipboard(async () => {
      throw REFUSED;
    });
    selectionCopies = false;
    await expect(copyText(TEXT)).resolves.toEqual({ ok: false, error: REFUSED });
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('is refused, not thrown, when execCommand throws', async () => {
    stubClipboard(async () => {
      throw REFUSED;
    });
    Object.defineProperty(document, 'execCommand', {
      configurable: true,
      value: () => {
        throw new Error('execCommand is gone');
      },
    });
    await expect(copyText(TEXT)).resolves.toEqual({ ok: false, error: REFUSED });
  });
});
