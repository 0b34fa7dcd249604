import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../console/lib/api.ts';
import { useStoredSession } from '../../../console/lib/useStoredSession.ts';
import { fakeFetch, problem } from './fake-endpoint.tsx';

const TOKEN_KEY = 'coalface.console.token';
const MIA = { tokenId: 'm', name: 'Mia Marketer', role: 'marketer' } as const;

beforeEach(() => sessionStorage.clear());
afterEach(cleanup);

/** A 200 whose body is read without any I/O, so what follows it runs as microtasks only. */
function instantJson(body: unknown): Response {
  const response = new Response(null, { status: 200, headers: { 'Content-Type': 'application/json' } });
  Object.defineProperty(response, 'json', { value: () => Promise.resolve(body) });
  return response;
}

const answering = (status: number, body: unknown) => fakeFetch(() => ({ status, body }));

describe('the session kept in this tab', () => {
  it('is signed out at once, asking the endpoint nothing, when the tab holds no token', () => {
    const endpoint = answering(200, MIA);
    const { result } = renderHook(() => useStoredSession(endpoint.fetch));
    expect(result.current[0]).toEqual({ state: 'signedOut' });
    expect(endpoint.calls).toEqual([]);
  });

  it('is being checked, then signed in as whoever GET /v1/me names', async () => {
    sessionStorage.setItem(TOKEN_KEY, 'cf_marketer');
    const endpoint = answering(200, MIA);
    const { result } = renderHook(() => useStoredSession(endpoint.fetch));
    expect(result.current[0]).toEqual({ state: 'checking' });
    await waitFor(() => expect(result.current[0]).toEqual({ state: 'signedIn', token: 'cf_marketer', me: MIA }));
    expect(endpoint.calls.map((c) => [c.path, c.headers.Authorization])).toEqual([['/v1/me', 'Bearer cf_marketer']]);
  });

  it('signs a rep token out and forgets it', async () => {
    sessionStorage.setItem(TOKEN_KEY, 'cf_rep');
    const endpoint = answering(200, { tokenId: 'r', name: 'Raj Rep', role: 'rep' });
    const { result } = renderHook(() => useStoredSession(endpoint.fetch));
    await waitFor(() => expect(result.current[0]).toEqual({ state: 'signedOut', message: undefined }));
    expect(sessionStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it('forgets a token the endpoint refuses (401), saying why', async () => {
    sessionStorage.setItem(TOKEN_KEY, 'cf_revoked');
    const endpoint = answering(401, problem(401, 'Token revoked.'));
    const { result } = renderHook(() => useStoredSession(endpoint.fetch));
    await waitFor(() => expect(result.current[0]).toEqual({ state: 'signedOut', message: 'Token revoked.' }));
    expect(sessionStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it('keeps the token when the endpoint fails for another reason, so signing in again is not needed', async () => {
    sessionStorage.setItem(TOKEN_KEY, 'cf_marketer');
    const endpoint = answering(503, problem(503, 'Down for maintenance.'));
    const { result } = renderHook(() => useStoredSession(endpoint.fetch));
    await waitFor(() => expect(result.current[0]).toEqual({ state: 'signedOut', message: 'Down for maintenance.' }));
    expect(sessionStorage.getItem(TOKEN_KEY)).toBe('cf_marketer');
  });

  it('checks again with a new fetch, and ignores the answer the old check gets late', async () => {
    sessionStorage.setItem(TOKEN_KEY, 'cf_marketer');
    let answerOld: ((response: Response) => void) | undefined;
    const slow: FetchLike = () =>
      new Promise<Response>((resolve) => {
        answerOld = resolve;
      });
    const fast = answering(200, { ...MIA, name: 'Mia (new check)' });
    const { result, rerender } = renderHook(({ fetch }) => useStoredSession(fetch), {
      initialProps: { fetch: slow },
    });
    await waitFor(() => expect(answerOld).toBeDefined());
    rerender({ fetch: fast.fetch });
    await waitFor(() => expect(result.current[0]).toMatchObject({ me: { name: 'Mia (new check)' } }));
    // The old check's answer arrives now; everything after it is microtasks, drained by one macrotask turn.
    await act(async () => {
      answerOld?.(instantJson({ ...MIA, name: 'Mia (old check)' }));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(result.current[0]).toMatchObject({ me: { name: 'Mia (new check)' } });
  });
});
