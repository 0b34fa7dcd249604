import type { AuthProvider } from '../../lib/contract/index.ts';
import type { SsoProvider } from '../store/sso-providers.ts';
import type { DiscoveryDocument } from './discovery.ts';

const BASE_SCOPES = ['openid', 'email', 'profile'];

/**
 * What a client needs to start the code flow at this provider. The role claim's scope is asked for
 * when the provider offers a scope of that name (Okta's `groups`); others put it in the ID token by
 * their own settings (Entra ID's group claims).
 */
export function clientSettings(provider: SsoProvider, discovery: DiscoveryDocument): AuthProvider {
  const claimScope = provider.roleClaim && discovery.scopes_supported?.includes(provider.roleClaim);
  return {
    id: provider.id,
    name: provider.name,
    issuer: provider.issuer,
    clientId: provider.clientId,
    authorizationEndpoint: discovery.authorization_endpoint,
    tokenEndpoint: discovery.token_endpoint,
    scopes: claimScope && provider.roleClaim ? [...BASE_SCOPES, provider.roleClaim] : BASE_SCOPES,
    // With a client secret the endpoint redeems the code; the secret itself never leaves it.
    codeExchange: provider.clientSecretEnc ? 'endpoint' : 'browser',
  };
}
