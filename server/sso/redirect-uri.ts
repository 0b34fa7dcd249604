/**
 * The redirect URIs Coalface's own clients use, the only ones whose codes the endpoint redeems with
 * its client secret: the Chrome extension's identity redirect, the Firefox add-on's, and this
 * endpoint's console. A code meant for any other application registered on the same client is not
 * the endpoint's to redeem.
 */
const CHROME = /^https:\/\/[a-p]{32}\.chromiumapp\.org\/$/;
const FIREFOX = /^https:\/\/[0-9a-f]+\.extensions\.allizom\.org\/$/;

/**
 * The console's redirect URIs for a request that reached this endpoint at `requestUrl`: its own origin's
 * `/console/`, and the https one of the same host (behind a TLS-terminating proxy the request arrives
 * over http while the console's page is https).
 */
export function consoleRedirectUris(requestUrl: string): string[] {
  const { host, protocol } = new URL(requestUrl);
  return [...new Set([`https://${host}/console/`, `${protocol}//${host}/console/`])];
}

/** Null when `uri` is one of the allowed forms, else the refusal's detail. */
export function redirectUriProblem(uri: string, requestUrl: string): string | null {
  if (CHROME.test(uri) || FIREFOX.test(uri)) return null;
  const consoles = consoleRedirectUris(requestUrl);
  if (consoles.includes(uri)) return null;
  return `The redirect URI ${uri.slice(0, 200)} is not one whose code this endpoint redeems: it must be https://<extension id>.chromiumapp.org/, https://<id>.extensions.allizom.org/ or this endpoint's console (${consoles.join(' or ')}).`;
}
