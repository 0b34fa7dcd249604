import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../../console/lib/api.ts';
import { useLoad } from '../../../console/lib/useLoad.ts';
import { problem } from './fake-endpoint.tsx';

afterEach(cleanup);

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const ready = <T,>(data: T): ApiResult<T> => ({ ok: true, status: 200, data });

describe('loading what a page shows', () => {
  it('is loading until the answer comes, then ready with it', async () => {
    const answer = deferred<ApiResult<string[]>>();
    const load = () => answer.promise;
    const { result } = renderHook(() => useLoad(load));
    expect(result.current.loaded).toEqual({ state: 'loading' });
    await act(async () => answer.resolve(ready(['q4'])));
    expect(result.current.loaded).toEqual({ state: 'ready', data: ['q4'] });
  });

  it('fails with the problem to show', async () => {
    const refused = problem(403, 'Marketers only.');
    const load = () => Promise.resolve<ApiResult<string>>({ ok: false, status: 403, problem: refused });
    const { result } = renderHook(() => useLoad(load));
    await waitFor(() => expect(result.current.loaded).toEqual({ state: 'failed', problem: refused }));
  });

  it('loads again on every reload', async () => {
    let n = 0;
    const load = vi.fn(() => {
      n += 1;
      return Promise.resolve(ready(n));
    });
    const { result } = renderHook(() => useLoad(load));
    await waitFor(() => expect(result.current.loaded).toEqual({ state: 'ready', data: 1 }));
    act(() => result.current.reload());
    await waitFor(() => expect(result.current.loaded).toEqual({ state: 'ready', data: 2 }));
    act(() => result.current.reload());
    await waitFor(() => expect(result.current.loaded).toEqual({ state: 'ready', data: 3 }));
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('shows the latest load’s answer even when an earlier one arrives after it', async () => {
    const first = deferred<ApiResult<string>>();
    const second = deferred<ApiResult<string>>();
    const { result, rerender } = renderHook(({ load }) => useLoad(load), {
      initialProps: { load: () => first.promise },
    });
    const loadSecond = () => second.promise;
    rerender({ load: loadSecond });
    await act(async () => second.resolve(ready('campaign filter: q4')));
    expect(result.current.loaded).toEqual({ state: 'ready', data: 'campaign filter: q4' });
    await act(async () => first.resolve(ready('no filter')));
    expect(result.current.loaded).toEqual({ state: 'ready', data: 'campaign filter: q4' });
  });
});
