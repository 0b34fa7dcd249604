import { describe, expect, it } from 'vitest';
import { finishSignIn, providerAnswerIn } from '../../../console/lib/providerAnswer.ts';
import { problem } from './fake-endpoint.tsx';
import { fakeSignIn, idToken, MARKETER_SESSION, PENDING } from './fake-provider.ts';

const ORIGIN = 'https://coalface.example.com';
const answer = (search: string) => {
  const found = providerAnswerIn({ pathname: '/console/', search });
  if (!found) throw new Error(`no answer in ${search}`);
  return found;
};
const CODE = answer(`?code=c0de&state=${PENDING.state}`);

describe("the provider's answer in the address", () => {
  it('is a code with its state, or an error, only at /console/', () => {
    expect(CODE).toEqual({ kind: 'code', code: 'c0de', state: PENDING.state });
    expect(answer('?error=access_denied&state=s')).toEqual({
      kind: 'error',
      error: 'access_denied',
      description: null,
      state: 's',
    });
    expect(providerAnswerIn({ pathname: '/console/campaigns', search: '?code=c&state=s' })).toBeNull();
    expect(providerAnswerIn({ pathname: '/console/', search: '?code=c' })).toBeNull();
    expect(providerAnswerIn({ pathname: '/console/', search: '' })).toBeNull();
  });
});

describe('finishing a sign-in at a provider', () => {
  it('exchanges the code with the verifier (no secret), opens a session and returns to the page', async () => {
    const fake = fakeSignIn();
    const finished = await finishSignIn(CODE, PENDING, { fetch: fake.fetch, origin: ORIGIN });
    expect(finished).toEqual({
      ok: true,
      token: MARKETER_SESSION.token,
      me: { tokenId: 'ses_1', name: 'Mia Marketer', role: 'marketer' },
      returnTo: PENDING.returnTo,
    });
    expect(Object.fromEntries(fake.tokenCalls[0] ?? [])).toEqual({
      grant_type: 'authorization_code',
      code: 'c0de',
      redirect_uri: `${ORIGIN}/console/`,
      client_id: 'coalface-console',
      code_verifier: PENDING.verifier,
    });
    const session = fake.calls.find((c) => c.path === '/v1/sessions');
    expect(session?.body).toEqual({ idToken: idToken({ nonce: PENDING.nonce }) });
    expect(session?.headers.Authorization).toBeUndefined();
  });

  it('refuses an answer whose state is not the one this tab sent, without exchanging the code', async () => {
    const fake = fakeSignIn();
    const forged = answer('?code=c0de&state=someone-elses');
    for (const pending of [PENDING, null]) {
      const finished = await finishSignIn(forged, pending, { fetch: fake.fetch, origin: ORIGIN });
      expect(finished).toMatchObject({ ok: false, message: expect.stringMatching(/state does not match/) });
    }
    expect(fake.fetch).not.toHaveBeenCalled();
  });

  it('refuses an ID token with another nonce, and never sends it to the endpoint', async () => {
    const fake = fakeSignIn({ token: () => ({ status: 200, body: { id_token: idToken({ nonce: 'replayed' }) } }) });
    const finished = await finishSignIn(CODE, PENDING, { fetch: fake.fetch, origin: ORIGIN });
    expect(finished).toMatchObject({ ok: false, message: expect.stringMatching(/nonce does not match/) });
    expect(fake.calls).toEqual([]);
  });

  it('says the provider denied access, keeping the page to return to', async () => {
    const fake = fakeSignIn();
    const denied = answer(`?error=access_denied&error_description=User+cancelled&state=${PENDING.state}`);
    const finished = await finishSignIn(denied, PENDING, { fetch: fake.fetch, origin: ORIGIN });
    expect(finished).toEqual({
      ok: false,
      message: expect.stringMatching(/^Acme Okta did not sign you in: access was denied/),
      returnTo: PENDING.returnTo,
    });
    expect(fake.fetch).not.toHaveBeenCalled();
  });

  it("passes on the endpoint's reason for a 401", async () => {
    const fake = fakeSignIn({
      session: () => ({ status: 401, body: problem(401, 'The ID token has no verified email.') }),
    });
    const finished = await finishSignIn(CODE, PENDING, { fetch: fake.fetch, origin: ORIGIN });
    expect(finished).toMatchObject({
      ok: false,
      message: 'The endpoint did not accept your sign-in with Acme Okta: The ID token has no verified email.',
    });
  });

  it('says the provider could not be reached, or the console was not allowed to call it, and what it refused', async () => {
    const unreachable = fakeSignIn({ token: () => 'unreachable' });
    expect(await finishSignIn(CODE, PENDING, { fetch: unreachable.fetch, origin: ORIGIN })).toMatchObject({
      message: expect.stringMatching(/^Acme Okta could not be reached to finish signing in/),
    });
    const blocked = fakeSignIn({ token: () => 'blocked-by-policy' });
    expect(await finishSignIn(CODE, PENDING, { fetch: blocked.fetch, origin: ORIGIN })).toMatchObject({
      message: expect.stringMatching(
        /^This console is not allowed to call Acme Okta \(https:\/\/acme.okta.test\/token\)/,
      ),
    });
    const refused = fakeSignIn({
      token: () => ({ status: 400, body: { error: 'invalid_grant', error_description: 'code expired' } }),
    });
    expect(await finishSignIn(CODE, PENDING, { fetch: refused.fetch, origin: ORIGIN })).toMatchObject({
      message: 'Acme Okta refused to finish signing in (invalid_grant: code expired). Start again.',
    });
  });

  it('tells a rep the console is not for reps, keeping no session', async () => {
    const fake = fakeSignIn({
      session: () => ({ status: 201, body: { ...MARKETER_SESSION, role: 'rep', name: 'Raj Rep' } }),
    });
    const finished = await finishSignIn(CODE, PENDING, { fetch: fake.fetch, origin: ORIGIN });
    expect(finished).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Raj Rep is a rep account: the console is not for reps/),
    });
    expect(fake.calls.map((c) => c.path)).not.toContain('/v1/me');
  });

  it("sends the code itself to the endpoint when the provider's code is exchanged there, never calling the provider", async () => {
    const fake = fakeSignIn();
    const pending = { ...PENDING, provider: { ...PENDING.provider, codeExchange: 'endpoint' as const } };
    const finished = await finishSignIn(CODE, pending, { fetch: fake.fetch, origin: ORIGIN });
    expect(finished).toMatchObject({ ok: true, token: MARKETER_SESSION.token });
    expect(fake.tokenCalls).toEqual([]);
    expect(fake.calls.find((c) => c.path === '/v1/sessions')?.body).toEqual({
      providerId: PENDING.provider.id,
      code: 'c0de',
      codeVerifier: PENDING.verifier,
      redirectUri: `${ORIGIN}/console/`,
      nonce: PENDING.nonce,
    });
  });

  it("passes on the endpoint's reason when it could not redeem the code", async () => {
    const fake = fakeSignIn({
      session: () => ({
        status: 401,
        body: problem(401, 'Acme Okta refused the code at its token endpoint (invalid_grant). Sign in again.'),
      }),
    });
    const pending = { ...PENDING, provider: { ...PENDING.provider, codeExchange: 'endpoint' as const } };
    expect(await finishSignIn(CODE, pending, { fetch: fake.fetch, origin: ORIGIN })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/did not accept your sign-in with Acme Okta: Acme Okta refused the code/),
    });
  });
});
