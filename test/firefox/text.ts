// Waiting for what a rep reads, in a page or a frame of it, in Firefox over WebDriver BiDi.
import type { ElementHandle, Frame, Page } from 'puppeteer-core';

/** Firefox is slow to start and to paint on a busy 2-core machine: generous timeouts, never fixed waits. */
export const SLOW_MS = 30_000;

// Polled, not watched: puppeteer's 'mutation' polling misses React changing a text node in place
// (a lead's address replaced by the name), which is a characterData change it does not observe.
const TEXT_POLL_MS = 100;

/**
 * Waits for an element under `root` matching `selector` whose text is `text` (or, with `part`,
 * holds it), leaving out what is hidden from screen readers (the ✓ and ✗ before "Landed" and
 * "Didn't land"), and returns it.
 */
export async function textIn(
  root: Page | Frame | ElementHandle,
  selector: string,
  text: string,
  { part = false, timeoutMs = SLOW_MS }: { part?: boolean; timeoutMs?: number } = {},
): Promise<ElementHandle> {
  const scope = 'asElement' in root && root.asElement() ? (root as ElementHandle) : null;
  const frame = scope ? scope.frame : (root as Page | Frame);
  const handle = await frame.waitForFunction(
    // No inner named functions: tsx would wrap them in a helper the page does not have.
    (within, css, wanted, inPart) => {
      for (const node of (within ?? document).querySelectorAll(css)) {
        const copy = node.cloneNode(true) as Element;
        for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
        const spoken = copy.textContent?.trim() ?? '';
        if (inPart ? spoken.includes(wanted) : spoken === wanted) return node;
      }
      return null;
    },
    { timeout: timeoutMs, polling: TEXT_POLL_MS },
    scope,
    selector,
    text,
    part,
  );
  const element = handle.asElement();
  if (!element) throw new Error(`no ${selector} reading "${text}"`);
  return element as ElementHandle;
}
