// The extension's two page scripts, as WXT writes them. The loader (entrypoints/loader.ts) is what
// the manifest, and a granted custom domain's registration, inject as a page starts loading; the
// content script (entrypoints/content.ts) is injected by the background once the page has loaded.
export const LOADER_FILE = 'loader.js';
export const CONTENT_SCRIPT_FILE = '/content-scripts/content.js';
