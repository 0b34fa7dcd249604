// In-page instruments for the sidebar benchmark: a clock both the Gmail page and the dock frame read
// (performance.timeOrigin + performance.now(), wall-clock aligned across frames), and a watcher in the
// frame that notes when a given lead's campaign message is on screen.
import type { Frame, Page } from 'playwright-core';

/** tsx compiles with keepNames, so functions sent to the page call `__name`; give the page one. */
export async function allowKeptNames(target: Page | Frame): Promise<void> {
  await target.evaluate('globalThis.__name ??= (fn) => fn');
}

/** Swaps the Gmail thread in place, as Gmail does, and returns when (page clock) it did. */
export async function openThreadInPlace(page: Page, html: string, hash: string): Promise<number> {
  return page.evaluate(
    ({ html: threadHtml, hash: threadHash }) => {
      const doc = new DOMParser().parseFromString(threadHtml, 'text/html');
      const at = performance.timeOrigin + performance.now();
      document.body.replaceChildren(...Array.from(doc.body.childNodes));
      location.hash = threadHash;
      return at;
    },
    { html, hash },
  );
}

/**
 * Resolves with the time (frame clock) the sidebar first shows `leadName` as the lead with its
 * campaign block filled (headline, or the "no campaign" line), measured at the next animation frame.
 */
export async function campaignVisibleAt(frame: Frame, leadName: string, timeoutMs: number): Promise<number> {
  return frame.evaluate(
    ({ name, timeout }) =>
      new Promise<number>((resolve, reject) => {
        const shown = () => {
          const main = document.querySelector('main');
          if (!main || main.getAttribute('aria-busy') !== 'false') return false;
          if (main.querySelector('h1')?.textContent !== name) return false;
          return main.querySelector('.cf-campaign__headline, .cf-section .cf-empty') !== null;
        };
        const done = () => {
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
        };
        const observer = new MutationObserver(() => {
          if (shown()) done();
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`${name} did not show within ${timeout} ms`));
        }, timeout);
        observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
        if (shown()) done();
      }),
    { name: leadName, timeout: timeoutMs },
  );
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}
