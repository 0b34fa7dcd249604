import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../lib/contract/index.ts';
import { startOidcProvider, type TestProvider } from '../support/oidc-provider.ts';
import { runCli } from './cli-process.ts';
import { read, startTestServer, type TestServer } from './helpers.ts';
import { ada, CLIENT_ID, CONSOLE_REDIRECT, signIn } from './sso-fixtures.ts';

// `sso add|list|remove` and `session list|revoke`, as an operator runs them, against the database a
// running server uses.

let server: TestServer;
let acme: TestProvider;

beforeAll(async () => {
  [server, acme] = await Promise.all([
    startTestServer(),
    startOidcProvider({ clients: [{ clientId: CLIENT_ID, redirectUris: [CONSOLE_REDIRECT] }], accounts: [ada] }),
  ]);
});
afterAll(async () => {
  await Promise.all([server.close(), acme.close()]);
});

const cli = (...args: string[]) => runCli([...args, '--db', server.target]);

describe('sso and session commands', { timeout: 180_000 }, () => {
  it('refuse a plain-http issuer that is not on this machine, and say why on one line', async () => {
    const res = await cli('sso', 'add', '--issuer', 'http://idp.example.com', '--client-id', 'x');
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('must use https://');
  });

  it('refuse a role map without its claim, and an issuer that is not a provider', async () => {
    const noClaim = await cli('sso', 'add', '--issuer', acme.issuer, '--client-id', 'x', '--role-map', 'a=manager');
    expect(noClaim.code).toBe(2);
    expect(noClaim.stderr).toContain('--role-map needs --role-claim');
    const badRole = await cli(
      'sso',
      'add',
      '--issuer',
      acme.issuer,
      '--client-id',
      'x',
      '--role-claim',
      'groups',
      '--role-map',
      'a=boss',
    );
    expect(badRole.stderr).toContain('the role must be one of rep, manager, marketer, admin');
    const nobody = await cli('sso', 'add', '--issuer', 'http://127.0.0.1:9', '--client-id', 'x');
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(
      /^Not added: Fetching the discovery document at http:\/\/127\.0\.0\.1:9\/\.well-known\/openid-configuration failed/,
    );
    const slash = await cli('sso', 'add', '--issuer', `${acme.issuer}/`, '--client-id', 'x');
    expect(slash.stderr).toContain(`names the issuer ${acme.issuer}, not ${acme.issuer}/`);
  });

  it('connect the running provider; people then sign in with the mapped role; list, revoke and remove', async () => {
    const added = await cli(
      'sso',
      'add',
      '--issuer',
      acme.issuer,
      '--client-id',
      CLIENT_ID,
      '--name',
      'Acme',
      '--role-claim',
      'groups',
      '--role-map',
      'sales-ops=manager',
      '--allowed-domain',
      'ACME.example',
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const id = /\((sso_[0-9a-f]{16})\)/.exec(added.stdout)?.[1] ?? '';
    expect(id).not.toBe('');
    expect(added.stdout).toContain('groups: sales-ops=manager; else rep');

    const again = await cli('sso', 'add', '--issuer', acme.issuer, '--client-id', CLIENT_ID);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already connected');

    const listed = await cli('sso', 'list');
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).toContain('domains acme.example');

    const session = await read(
      await signIn(server, await acme.idToken({ ...ada, groups: ['sales-ops'] }, CLIENT_ID)),
      Session,
      201,
    );
    expect(session.role).toBe('manager');
    const sessions = await cli('session', 'list', '--email', ada.email);
    const sessionId = /ses_[0-9a-f]{16}/.exec(sessions.stdout)?.[0] ?? '';
    expect(sessions.stdout).toContain('manager');
    expect(sessions.stdout).not.toContain(session.token);

    const revoked = await cli('session', 'revoke', sessionId);
    expect(revoked.stdout).toContain(`Revoked ${sessionId}`);
    expect((await server.request('GET', '/v1/me', { token: session.token })).status).toBe(401);
    expect((await cli('session', 'revoke', 'ses_0000000000000000')).code).toBe(1);

    const removed = await cli('sso', 'remove', id);
    expect(removed.code).toBe(0);
    const refused = await signIn(server, await acme.idToken(ada, CLIENT_ID));
    expect(refused.status).toBe(401);
    expect((await cli('sso', 'list')).stdout).toContain('No identity providers yet');
  });
});
