import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { type LoaderRuntime, loadAfterPageLoad } from '../lib/content/loader.ts';

// Injected by the manifest (lib/manifest.ts) as a supported page starts loading. `browser` in
// Firefox, `chrome` in Chromium: not `wxt/browser`, whose polyfill is most of a content script's size.
const api = globalThis as { browser?: { runtime?: LoaderRuntime }; chrome?: { runtime?: LoaderRuntime } };

export default defineUnlistedScript(() => {
  const runtime = api.browser?.runtime ?? api.chrome?.runtime;
  if (runtime) loadAfterPageLoad(window, runtime);
});
