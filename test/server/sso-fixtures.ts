import { createSsoProviderStore, type NewSsoProvider } from '../../server/store/sso-providers.ts';
import type { TestAccount } from '../support/oidc-provider.ts';
import type { TestServer } from './helpers.ts';

export const CLIENT_ID = 'coalface-endpoint';
export const CONSOLE_REDIRECT = 'http://127.0.0.1:8787/console/';

export const ada: TestAccount = {
  sub: 'u-ada',
  email: 'ada@acme.example',
  name: 'Ada Lovelace',
  groups: ['sales-ops', 'everyone'],
};
export const grace: TestAccount = {
  sub: 'u-grace',
  email: 'grace@acme.example',
  name: 'Grace Hopper',
  groups: ['marketing', 'sales-ops'],
};
export const bob: TestAccount = { sub: 'u-bob', email: 'bob@acme.example', name: 'Bob Builder' };
export const outsider: TestAccount = { sub: 'u-out', email: 'olga@elsewhere.example', name: 'Olga Outside' };

/** Connects a provider to the test server's database, as `sso add` would. */
export function connect(server: TestServer, issuer: string, settings: Partial<NewSsoProvider> = {}) {
  return createSsoProviderStore(server.store.db).add(
    {
      issuer,
      clientId: CLIENT_ID,
      name: 'Acme SSO',
      defaultRole: 'rep',
      roleClaim: null,
      roleMap: {},
      allowedDomains: [],
      ...settings,
    },
    new Date().toISOString(),
  );
}

export const signIn = (server: TestServer, idToken: string) =>
  server.request('POST', '/v1/sessions', { body: { idToken } });
