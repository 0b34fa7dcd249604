// @vitest-environment node
// "Sign in with <provider>" as the background runs it, against a scripted network (the endpoint and
// the provider's token endpoint) and a stand-in for the browser's sign-in window: the session kept
// like an access token and the ID token nowhere, silent renewal on its schedule, and the clear
// signed-out state when the provider wants the rep or the endpoint refuses the session.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { type Browser, browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { callEndpoint, whenTokenRefused } from '../../../lib/background/api.ts';
import { connectionStatus, keepConnection, loadConnection } from '../../../lib/background/connection.ts';
import { handleMessage } from '../../../lib/background/messaging.ts';
import { refresh } from '../../../lib/background/refresh.ts';
import { isRenewalDue, RENEW_BEFORE_MS, RENEWAL_ALARM, renewalTime } from '../../../lib/background/renewal-schedule.ts';
import { renewSessionIfDue } from '../../../lib/background/session-renewal.ts';
import { addSidebar, removeSidebar, type Sidebar } from '../../../lib/background/sidebar-registry.ts';
import { type IdentityApi, type SignInDeps, signIn } from '../../../lib/background/sign-in.ts';
import { signOutIfSessionRefused } from '../../../lib/background/signed-out.ts';
import type { AuthProvider } from '../../../lib/contract/auth.ts';
import { routes } from '../../../lib/contract/routes.ts';
import { openDb } from '../../../lib/store/db.ts';
import { deleteLocalDb } from './helpers.ts';
import { json, type SentRequest, scriptNetwork } from './scripted-network.ts';

const ENDPOINT = 'https://coalface.northwind.example';
const ISSUER = 'https://id.northwind.example';
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const PROVIDER: AuthProvider = {
  id: 'sso_0123456789abcdef',
  name: 'Northwind ID',
  issuer: ISSUER,
  clientId: 'coalface-extension',
  authorizationEndpoint: `${ISSUER}/auth`,
  tokenEndpoint: `${ISSUER}/token`,
  scopes: ['openid', 'email', 'profile'],
  codeExchange: 'browser',
};
// The real clock: signing in schedules the renewal from Date.now() (a fixed date here stopped
// working the evening it was written, once the sessions it made had run out).
const NOW = Date.now();
const optionsPage = { id: browser.runtime.id, url: browser.runtime.getURL('/options.html') };

function jwt(payload: unknown): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part(payload)}.c2ln`;
}

/** What the provider does at its authorization endpoint: let the rep through, or want them (prompt=none). */
type ProviderAnswer = 'code' | 'login_required' | 'throws';

let network: ReturnType<typeof scriptNetwork>;
let providerAnswer: ProviderAnswer;
let launched: { url: URL; interactive: boolean }[];
let sessions: number;
let sessionStatus: number;
/** What GET /v1/auth/providers offers. */
let offered: AuthProvider;

const identity: IdentityApi = {
  getRedirectURL: () => REDIRECT,
  async launchWebAuthFlow({ url, interactive }) {
    const asked = new URL(url);
    launched.push({ url: asked, interactive });
    if (providerAnswer === 'throws') throw new Error('User interaction required.');
    const state = asked.searchParams.get('state') ?? '';
    if (providerAnswer === 'login_required') return `${REDIRECT}?error=login_required&state=${state}`;
    return `${REDIRECT}?code=c0de-${launched.length}&state=${state}`;
  },
};
const deps: SignInDeps = { identity, fetch: (input, init) => fetch(input, init) };

function answer(request: SentRequest): Response {
  const path = request.url.pathname;
  if (request.url.origin === ISSUER && path === '/token') {
    const nonce = launched.at(-1)?.url.searchParams.get('nonce');
    return json({ id_token: jwt({ sub: 'u1', nonce }), access_token: 'provider-access', token_type: 'Bearer' });
  }
  if (path === '/v1/auth/providers') return json({ providers: [{ ...PROVIDER, ...offered }] });
  if (path === '/v1/sessions') {
    if (sessionStatus !== 201)
      return json({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'email not verified' }, 401);
    sessions += 1;
    const expiresAt = new Date(NOW + 12 * 3_600_000 + sessions * 60_000).toISOString();
    return json({ token: `ses_${sessions}`, role: 'rep', name: 'Dana Rep', expiresAt }, 201);
  }
  if (path === '/v1/me') {
    const token = request.headers.Authorization?.replace('Bearer ', '') ?? '';
    return json({ tokenId: token.replace('ses_', 'sid_'), name: 'Dana Rep', role: 'rep' });
  }
  return json({ title: 'Not found', status: 404, detail: path }, 404);
}

beforeEach(async () => {
  fakeBrowser.reset();
  await deleteLocalDb();
  launched = [];
  sessions = 0;
  sessionStatus = 201;
  offered = PROVIDER;
  providerAnswer = 'code';
  network = scriptNetwork(answer);
  whenTokenRefused(signOutIfSessionRefused);
});

afterEach(() => {
  whenTokenRefused(undefined);
  vi.unstubAllGlobals();
});

async function everythingStored(): Promise<string> {
  const db = await openDb();
  const settings = await db.getAll('settings');
  const local = await browser.storage.local.get(null);
  const session = await browser.storage.session.get(null);
  return JSON.stringify({ settings, local, session });
}

describe('signing in', () => {
  it('runs the code flow with PKCE and keeps only the session token, where an access token is kept', async () => {
    await signIn(ENDPOINT, PROVIDER.id, { interactive: true }, deps);

    const [window] = launched;
    expect(window?.interactive).toBe(true);
    expect(window?.url.searchParams.get('code_challenge_method')).toBe('S256');
    const exchange = network.sent.find((request) => request.url.pathname === '/token');
    const form = new URLSearchParams(exchange?.body);
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'authorization_code',
      code: 'c0de-1',
      redirect_uri: REDIRECT,
      client_id: 'coalface-extension',
      code_verifier: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const idToken = JSON.parse(network.sent.find((r) => r.url.pathname === '/v1/sessions')?.body ?? '{}').idToken;
    expect(idToken).toMatch(/^ey/);

    expect(await connectionStatus()).toEqual({
      connected: true,
      endpoint: ENDPOINT,
      me: { tokenId: 'sid_1', name: 'Dana Rep', role: 'rep' },
      session: { expiresAt: expect.any(String), provider: { id: PROVIDER.id, name: 'Northwind ID' } },
    });
    const stored = await everythingStored();
    expect(stored).toContain('ses_1');
    expect(stored).not.toContain(idToken);
    expect(stored).not.toContain('provider-access');
    expect(stored).not.toContain(form.get('code_verifier'));
  });

  it('offers Options the providers by name, and signs in through the background', async () => {
    expect(await handleMessage({ type: 'auth-providers', endpoint: ENDPOINT }, optionsPage)).toEqual({
      ok: true,
      providers: [{ id: PROVIDER.id, name: 'Northwind ID' }],
    });
  });

  it('offers only the provider IT chose, and says so when the endpoint lacks it', async () => {
    await fakeBrowser.storage.managed.set({ identityProvider: 'https://other-id.example' });
    const outcome = await handleMessage({ type: 'auth-providers', endpoint: ENDPOINT }, optionsPage);
    expect(outcome).toEqual({
      ok: false,
      message: expect.stringMatching(/IT chose to sign in with https:\/\/other-id/),
    });
  });

  it('says why the endpoint refused the sign-in, and keeps nothing', async () => {
    sessionStatus = 401;
    await expect(signIn(ENDPOINT, PROVIDER.id, { interactive: true }, deps)).rejects.toThrow(
      /did not accept this sign-in: email not verified/,
    );
    expect(await loadConnection()).toBeNull();
  });

  it('schedules the renewal 15 minutes before the session runs out', async () => {
    await signIn(ENDPOINT, PROVIDER.id, { interactive: true }, deps);
    const connection = await loadConnection();
    const alarm = await browser.alarms.get(RENEWAL_ALARM);
    expect(alarm?.scheduledTime).toBe(Date.parse(connection?.session?.expiresAt ?? '') - RENEW_BEFORE_MS);
  });
});

describe('a provider whose code the endpoint exchanges (a client secret)', () => {
  const sessionBodies = () =>
    network.sent.filter((r) => r.url.pathname === '/v1/sessions').map((r) => JSON.parse(r.body ?? '{}'));

  it('sends the code, verifier, redirect URI and nonce to the endpoint, and never calls the token endpoint', async () => {
    offered = { ...PROVIDER, codeExchange: 'endpoint' };
    await signIn(ENDPOINT, PROVIDER.id, { interactive: true }, deps);
    const asked = launched[0]?.url.searchParams;
    expect(network.paths()).not.toContain('/token');
    expect(sessionBodies()).toEqual([
      {
        providerId: PROVIDER.id,
        code: 'c0de-1',
        codeVerifier: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        redirectUri: REDIRECT,
        nonce: asked?.get('nonce'),
      },
    ]);
    expect((await loadConnection())?.token).toBe('ses_1');
    expect(await everythingStored()).not.toContain(sessionBodies()[0]?.codeVerifier);
  });

  it('renews silently the same way (prompt=none, the code to the endpoint)', async () => {
    offered = { ...PROVIDER, codeExchange: 'endpoint' };
    await signIn(ENDPOINT, PROVIDER.id, { interactive: true }, deps);
    const connection = await loadConnection();
    if (!connection?.session) throw new Error('not signed in');
    await keepConnection({ ...connection, session: { ...connection.session, expiresAt: new Date(NOW).toISOString() } });
    expect(await renewSessionIfDue(NOW, deps)).toBe('renewed');
    expect(launched[1]?.url.searchParams.get('prompt')).toBe('none');
    expect(sessionBodies()[1]).toMatchObject({ providerId: PROVIDER.id, code: 'c0de-2' });
    expect(network.paths()).not.toContain('/token');
    expect((await loadConnection())?.token).toBe('ses_2');
  });

  it('still exchanges the code itself for a public client (the ID token to the endpoint)', async () => {
    await signIn(ENDPOINT, PROVIDER.id, { interactive: true }, deps);
    expect(network.paths()).toContain('/token');
    expect(Object.keys(sessionBodies()[0] ?? {})).toEqual(['idToken']);
  });
});

describe('the renewal schedule', () => {
  const expiresAt = new Date(NOW + 60 * 60_000).toISOString();

  it('is 15 minutes before expiry, or now when that has passed', () => {
    expect(renewalTime(expiresAt, NOW)).toBe(NOW + 45 * 60_000);
    expect(renewalTime(expiresAt, NOW + 50 * 60_000)).toBe(NOW + 50 * 60_000);
    expect(isRenewalDue(expiresAt, NOW + 44 * 60_000)).toBe(false);
    expect(isRenewalDue(expiresAt, NOW + 45 * 60_000)).toBe(true);
  });
});

describe('silent renewal', () => {
  async function signedInExpiringAt(expiresAt: number) {
    await signIn(ENDPOINT, PROVIDER.id, { interactive: true }, deps);
    const connection = await loadConnection();
    if (!connection?.session) throw new Error('not signed in');
    await keepConnection({
      ...connection,
      session: { ...connection.session, expiresAt: new Date(expiresAt).toISOString() },
    });
    launched = [];
  }

  it('does nothing but keep the alarm while the session is not due', async () => {
    await signedInExpiringAt(NOW + 60 * 60_000);
    expect(await renewSessionIfDue(NOW, deps)).toBe('not-due');
    expect(launched).toEqual([]);
    expect((await browser.alarms.get(RENEWAL_ALARM))?.scheduledTime).toBe(NOW + 45 * 60_000);
  });

  it('replaces the session without a window (prompt=none) when due', async () => {
    await signedInExpiringAt(NOW + 10 * 60_000);
    expect(await renewSessionIfDue(NOW, deps)).toBe('renewed');
    expect(launched.map((flow) => [flow.interactive, flow.url.searchParams.get('prompt')])).toEqual([[false, 'none']]);
    expect((await loadConnection())?.token).toBe('ses_2');
  });

  it.each<ProviderAnswer>([
    'login_required',
    'throws',
  ])('signs the rep out, clearly, when the provider wants them (%s)', async (wanted) => {
    await signedInExpiringAt(NOW + 10 * 60_000);
    providerAnswer = wanted;
    const shown: unknown[] = [];
    const port = { postMessage: (state: unknown) => shown.push(state) } as unknown as Browser.runtime.Port;
    const sidebar: Sidebar = { port, dockTab: 7, tabId: 7 };
    addSidebar(sidebar);
    onTestFinished(() => removeSidebar(sidebar));
    expect(await renewSessionIfDue(NOW, deps)).toBe('signed-out');
    // The open sidebar is told at once, not at its next refresh.
    expect(shown.at(-1)).toEqual({ status: 'signed_out' });
    expect(await loadConnection()).toBeNull();
    expect(await connectionStatus()).toEqual({
      connected: false,
      endpoint: ENDPOINT,
      signedOut: { id: PROVIDER.id, name: 'Northwind ID' },
    });
    expect(await everythingStored()).not.toContain('ses_1');
    await refresh(7);
    expect(shown.at(-1)).toEqual({ status: 'signed_out' });
    expect(await browser.alarms.get(RENEWAL_ALARM)).toBeUndefined();
  });

  it('tries again later when the network is away and the session still holds', async () => {
    await signedInExpiringAt(NOW + 10 * 60_000);
    network.answer = () => Promise.reject(new TypeError('fetch failed'));
    expect(await renewSessionIfDue(NOW, deps)).toBe('retry');
    expect((await loadConnection())?.token).toBe('ses_1');
    expect((await browser.alarms.get(RENEWAL_ALARM))?.scheduledTime).toBe(NOW + 60_000);
  });
});

describe('a session the endpoint refuses', () => {
  it('signs the rep out whichever call finds out', async () => {
    await signIn(ENDPOINT, PROVIDER.id, { interactive: true }, deps);
    network.answer = () =>
      json({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'session revoked' }, 401);
    const connection = await loadConnection();
    if (!connection) throw new Error('not signed in');
    await expect(callEndpoint(connection, routes.me)).rejects.toThrow(/401/);
    expect((await connectionStatus()).connected).toBe(false);
    expect((await connectionStatus()) as { signedOut?: unknown }).toHaveProperty('signedOut');
  });

  it('leaves a pasted access token alone: a 401 then is an error to show, not a sign-out', async () => {
    await keepConnection({ endpoint: ENDPOINT, token: 'cf_pasted', me: { tokenId: 't', name: 'Dana', role: 'rep' } });
    network.answer = () => json({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'revoked' }, 401);
    await expect(callEndpoint({ endpoint: ENDPOINT, token: 'cf_pasted' }, routes.me)).rejects.toThrow(/401/);
    expect((await loadConnection())?.token).toBe('cf_pasted');
  });
});
