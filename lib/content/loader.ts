// The one script injected into a supported page as it starts loading. It waits out the page's load
// event, then asks the background for the content script (lib/background/inject-content-script.ts):
// nothing else of ours runs while the page loads. The whole content script at document_start made a
// 5,000-element Gmail page load ~5% slower in a foreground tab in Chromium (bench:detect); an empty
// script, nothing measurable. No imports beyond types: it stays a few hundred bytes, without the
// polyfill or WXT's context, which the content script brings.
import type { ContentMessage } from '../messages.ts';

/** The least of `runtime` the loader uses: Firefox's `browser` and Chrome's `chrome` both answer with a promise. */
export interface LoaderRuntime {
  sendMessage(message: ContentMessage): Promise<unknown> | undefined;
}

export const LOAD_CONTENT_SCRIPT: ContentMessage = { type: 'load-content-script' };

/** Asks for the content script in a task after the load event, not inside it (which the load would wait on). */
export function loadAfterPageLoad(win: Window, runtime: LoaderRuntime): void {
  const ask = () =>
    win.setTimeout(() => {
      try {
        runtime.sendMessage(LOAD_CONTENT_SCRIPT)?.catch(() => undefined);
      } catch {
        // The extension was updated or removed under this page: nothing to load.
      }
    }, 0);
  if (win.document.readyState === 'complete') ask();
  else win.addEventListener('load', ask, { once: true });
}
