// Helpers for the site-detector tests in this folder: a page in an app's markup, and a trace recorder.
import type { Trace } from '../../../lib/sites/types.ts';

/** A document parsed from `body`, as the content script would see it. */
export function page(body: string): Document {
  return new DOMParser().parseFromString(`<!DOCTYPE html><html lang="en"><body>${body}</body></html>`, 'text/html');
}

/** A trace that records every line, as the diagnostics the rep copies from Options would show them. */
export function recorder(): { trace: Trace; lines: unknown[][] } {
  const lines: unknown[][] = [];
  return { trace: (...args) => lines.push(args), lines };
}

/** A document whose every query throws: a page torn down while it is being read. */
export function brokenDocument(): Document {
  const fail = () => {
    throw new Error('document is gone');
  };
  return { querySelectorAll: fail, querySelector: fail } as unknown as Document;
}
