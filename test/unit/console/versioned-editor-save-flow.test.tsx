import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClient, type ApiResult } from '../../../console/lib/api.ts';
import { clearFlash, leaveFlash, readFlash } from '../../../console/lib/flash.ts';
import { SessionProvider } from '../../../console/lib/session.tsx';
import { useVersionedEditor, type VersionedKind } from '../../../console/lib/useVersionedEditor.ts';
import { problem } from './fake-endpoint.tsx';

interface Item {
  id: string;
  name: string;
  version: number;
}
type Form = { name: string };
type Input = { name: string };

const STORED: Item = { id: 'c_1', name: 'Q4 Cloud', version: 3 };
const conflict = problem(412, 'This campaign is at version 9, not version 3.');
const gone = problem(404, 'No campaign c_1.');

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const ok = (data: Item): ApiResult<Item> => ({ ok: true, status: 200, data });
const failed = (p: ReturnType<typeof problem>): ApiResult<Item> => ({ ok: false, status: p.status, problem: p });

function kindWith(answers: Partial<Pick<VersionedKind<Item, Form, Input>, 'create' | 'patch' | 'fetch'>> = {}) {
  return {
    draftKind: 'campaign',
    idOf: (item: Item) => item.id,
    empty: { name: '' },
    toForm: (item: Item) => ({ name: item.name }),
    check: (form: Form) =>
      form.name.trim()
        ? { ok: true, input: { name: form.name.trim() } }
        : { ok: false, errors: { name: 'is required' } },
    create: vi.fn(answers.create ?? (async (_api, input) => ok({ id: 'c_new', name: input.name, version: 1 }))),
    patch: vi.fn(
      answers.patch ?? (async (_api, stored, input, version) => ok({ ...stored, ...input, version: version + 1 })),
    ),
    fetch: vi.fn(answers.fetch ?? (async () => ok({ ...STORED, name: 'Their name', version: 9 }))),
    savedText: (saved: Item) => `Saved (version ${saved.version}).`,
    pageOf: (created: Item) => ({ page: 'campaign', key: created.id }),
  } satisfies VersionedKind<Item, Form, Input>;
}

function open(kind: VersionedKind<Item, Form, Input>, item: Item | null) {
  const api = new ApiClient({ token: 'cf_test', fetch: vi.fn() });
  const me = { tokenId: 't1', name: 'Mia Marketer', role: 'marketer' as const };
  const wrapper = ({ children }: { children: ReactNode }) => (
    <SessionProvider value={{ api, me }}>{children}</SessionProvider>
  );
  return renderHook(() => useVersionedEditor(kind, item), { wrapper });
}

beforeEach(() => {
  localStorage.clear();
  clearFlash();
  history.replaceState(null, '', '/console/campaigns/c_1');
});
afterEach(cleanup);

describe('editing before the first save', () => {
  it('marks nothing while the marketer types, even an empty required field', () => {
    const { result } = open(kindWith(), STORED);
    act(() => result.current.edit({ name: '' }));
    expect(result.current.errors).toEqual({});
    expect(result.current.mustFix).toBe(false);
  });

  it('after a refused check, re-checks on every edit', () => {
    const kind = kindWith();
    const { result } = open(kind, STORED);
    act(() => result.current.edit({ name: '' }));
    act(() => result.current.save());
    expect(result.current.errors).toEqual({ name: 'is required' });
    expect(result.current.mustFix).toBe(true);
    expect(kind.patch).not.toHaveBeenCalled();
    act(() => result.current.edit({ name: 'Q4' }));
    expect(result.current.errors).toEqual({});
    expect(result.current.mustFix).toBe(false);
  });
});

describe('saving', () => {
  it('patches the stored item at the version it was opened on, busy until the endpoint answers, and stays on the page', async () => {
    const answer = deferred<ApiResult<Item>>();
    const kind = kindWith({ patch: () => answer.promise });
    const { result } = open(kind, STORED);
    act(() => result.current.edit({ name: 'Q4 Savings' }));
    act(() => result.current.save());
    expect(result.current.busy).toBe(true);
    expect(kind.patch).toHaveBeenCalledWith(expect.any(ApiClient), STORED, { name: 'Q4 Savings' }, 3);
    await act(async () => answer.resolve(ok({ ...STORED, name: 'Q4 Savings', version: 4 })));
    expect(result.current.busy).toBe(false);
    expect(result.current.notice).toBe('Saved (version 4).');
    expect(result.current.mustFix).toBe(false);
    expect(result.current.stored?.version).toBe(4);
    expect(location.pathname).toBe('/console/campaigns/c_1');
    expect(readFlash('c_1')).toBeNull();
    expect(kind.create).not.toHaveBeenCalled();
  });

  it('creates a new item and opens its own page, carrying the notice there', async () => {
    history.replaceState(null, '', '/console/new-campaign');
    const kind = kindWith();
    const { result } = open(kind, null);
    act(() => result.current.edit({ name: ' Spring push ' }));
    await act(async () => result.current.save());
    expect(kind.create).toHaveBeenCalledWith(expect.any(ApiClient), { name: 'Spring push' });
    expect(kind.patch).not.toHaveBeenCalled();
    expect(location.pathname).toBe('/console/campaigns/c_new');
    expect(readFlash('c_new')).toBe('Saved (version 1).');
  });

  it('shows the notice left for an item when its page opens, and only that once', () => {
    leaveFlash('c_1', 'Saved (version 1).');
    const { result } = open(kindWith(), STORED);
    expect(result.current.notice).toBe('Saved (version 1).');
    expect(readFlash('c_1')).toBeNull();
  });
});

describe('on a 412, choosing whose version stays', () => {
  it('reload takes their version and says the edits were dropped', async () => {
    const kind = kindWith({ patch: async () => failed(conflict) });
    const { result } = open(kind, STORED);
    act(() => result.current.edit({ name: 'Mine' }));
    await act(async () => result.current.save());
    expect(result.current.failure).toEqual(conflict);
    await act(() => result.current.reload());
    expect(result.current.form).toEqual({ name: 'Their name' });
    expect(result.current.failure).toBeNull();
    expect(result.current.notice).toBe('Loaded their version (version 9); your edits were dropped.');
  });

  it('reload shows why when their version cannot be fetched, and keeps the form', async () => {
    const kind = kindWith({ fetch: async () => failed(gone) });
    const { result } = open(kind, STORED);
    act(() => result.current.edit({ name: 'Mine' }));
    await act(() => result.current.reload());
    expect(result.current.failure).toEqual(gone);
    expect(result.current.form).toEqual({ name: 'Mine' });
    expect(result.current.notice).toBeNull();
  });

  it('overwrite saves the form over their version, with the check the last save used', async () => {
    const kind = kindWith({
      patch: async (_api, stored, input, version) =>
        version === 3 ? failed(conflict) : ok({ ...stored, ...input, version: version + 1 }),
    });
    const { result } = open(kind, STORED);
    const publish = vi.fn((form: Form) => ({ ok: true as const, input: { name: `${form.name} (published)` } }));
    act(() => result.current.edit({ name: 'Mine' }));
    await act(async () => result.current.save(publish));
    await act(() => result.current.overwrite());
    expect(publish).toHaveBeenCalledTimes(2);
    expect(kind.patch).toHaveBeenLastCalledWith(
      expect.any(ApiClient),
      expect.objectContaining({ id: 'c_1' }),
      { name: 'Mine (published)' },
      9,
    );
    expect(result.current.notice).toBe('Saved (version 10).');
  });

  it('overwrite sends nothing when their version cannot be fetched', async () => {
    const kind = kindWith({ fetch: async () => failed(gone) });
    const { result } = open(kind, STORED);
    await act(() => result.current.overwrite());
    expect(kind.patch).not.toHaveBeenCalled();
    expect(result.current.failure).toEqual(gone);
  });

  it('asks the endpoint nothing for an item not created yet', async () => {
    const kind = kindWith();
    const { result } = open(kind, null);
    await act(() => result.current.reload());
    await act(() => result.current.overwrite());
    expect(kind.fetch).not.toHaveBeenCalled();
    expect(kind.patch).not.toHaveBeenCalled();
  });
});
