import { useCallback, useState } from 'react';
import { clearDraft, loadDraft, type StoredDraft, saveDraft } from './drafts.ts';

export interface Draft<T> {
  value: T;
  /** The version of the item the edits were made on: what `If-Match` names when saving. */
  baseVersion: number | null;
  /** Every edit goes through here, and is written to the device at once. */
  update: (next: T) => void;
  /** The stored draft the form opened with, if it found one. */
  restored: StoredDraft<T> | null;
  /** The item as saved (or reloaded) at `version`; the stored draft is forgotten. */
  reset: (fresh: T, version: number | null) => void;
}

/** A form's state, mirrored to localStorage under `key` so an expired session or a reload loses nothing. */
export function useDraft<T>(
  key: string,
  initial: T,
  initialVersion: number | null,
  isValue: (value: unknown) => value is T,
): Draft<T> {
  const [restored] = useState(() => loadDraft(key, isValue));
  const [value, setValue] = useState<T>(() => restored?.value ?? initial);
  const [baseVersion, setBaseVersion] = useState(() => (restored ? restored.baseVersion : initialVersion));
  const update = useCallback(
    (next: T) => {
      setValue(next);
      saveDraft(key, next, baseVersion);
    },
    [key, baseVersion],
  );
  const reset = useCallback(
    (fresh: T, version: number | null) => {
      clearDraft(key);
      setValue(fresh);
      setBaseVersion(version);
    },
    [key],
  );
  return { value, baseVersion, update, restored, reset };
}
