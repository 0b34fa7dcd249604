import type { AuthProvider } from '../../lib/contract/auth.ts';
import { authorizationUrl, newRoundTrip, redirectUri } from './oidc.ts';
import { currentConsolePath, savePendingSignIn } from './pendingSignIn.ts';

/**
 * Sends the marketer to `provider` to sign in, keeping what the answer is checked against and the
 * page they are on (its unsaved edits are already drafts on the device). Resolves to a message when
 * the tab cannot keep the round trip; otherwise the page is on its way to the provider.
 */
export async function startSignIn(
  provider: AuthProvider,
  go: (url: string) => void = (url) => location.assign(url),
): Promise<string | null> {
  const trip = newRoundTrip();
  const url = await authorizationUrl(provider, trip, redirectUri(location.origin));
  const kept = savePendingSignIn({
    provider: {
      id: provider.id,
      name: provider.name,
      clientId: provider.clientId,
      tokenEndpoint: provider.tokenEndpoint,
      codeExchange: provider.codeExchange,
    },
    ...trip,
    returnTo: currentConsolePath(),
  });
  if (!kept)
    return 'This browser does not let the console keep anything in this tab (storage is blocked), which signing in with a provider needs. Allow site storage, or use an access token.';
  go(url);
  return null;
}
