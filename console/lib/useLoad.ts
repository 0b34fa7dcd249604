import { useCallback, useEffect, useState } from 'react';
import type { Problem } from '../../lib/contract/common.ts';
import type { ApiResult } from './api.ts';

export type Loaded<T> = { state: 'loading' } | { state: 'failed'; problem: Problem } | { state: 'ready'; data: T };

/** Runs `load` now and whenever `reload` is called or its inputs change; the latest answer wins. */
export function useLoad<T>(load: () => Promise<ApiResult<T>>): { loaded: Loaded<T>; reload: () => void } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    void round;
    load().then((result) => {
      if (!current) return;
      setLoaded(result.ok ? { state: 'ready', data: result.data } : { state: 'failed', problem: result.problem });
    });
    return () => {
      current = false;
    };
  }, [load, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { loaded, reload };
}
