import { useEffect, useState } from 'react';

/** True while the clock is before `deadline` (epoch ms); re-renders once when it passes. */
export function useBefore(deadline: number): boolean {
  const [before, setBefore] = useState(() => Date.now() < deadline);
  useEffect(() => {
    const left = deadline - Date.now();
    setBefore(left > 0);
    if (left <= 0) return;
    const timer = setTimeout(() => setBefore(false), left);
    return () => clearTimeout(timer);
  }, [deadline]);
  return before;
}
