// Unsaved edits, one per item, so an expired session, a reload or a closed tab loses nothing.
// localStorage on purpose: a draft should outlive the tab (the token does not).
const PREFIX = 'coalface.console.draft.';

export interface StoredDraft<T> {
  savedAt: string;
  /** The version of the item the draft was based on (null for something not yet created). */
  baseVersion: number | null;
  value: T;
}

export const draftKey = (kind: 'campaign' | 'talkingPoint', id: string) => `${PREFIX}${kind}.${id}`;

export function loadDraft<T>(key: string, isValue: (value: unknown) => value is T): StoredDraft<T> | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { savedAt, baseVersion, value } = parsed as Record<string, unknown>;
    if (typeof savedAt !== 'string' || !isValue(value)) return null;
    return { savedAt, baseVersion: typeof baseVersion === 'number' ? baseVersion : null, value };
  } catch {
    return null;
  }
}

/** What a field holds, as far as a draft read back from the device needs to know. */
const kindOf = (value: unknown) =>
  Array.isArray(value) ? (value.every((item) => typeof item === 'string') ? 'strings' : 'list') : typeof value;

/**
 * A check for drafts of a form: every field of the empty form, each holding the same kind of value
 * (text, a number, a list of strings). A draft an older console stored in another shape is ignored.
 */
export function shapedLike<T extends object>(empty: T): (value: unknown) => value is T {
  const fields = Object.entries(empty).map(([name, sample]) => [name, kindOf(sample)] as const);
  return (value): value is T =>
    typeof value === 'object' &&
    value !== null &&
    fields.every(([name, kind]) => kindOf((value as Record<string, unknown>)[name]) === kind);
}

export function saveDraft<T>(key: string, value: T, baseVersion: number | null): void {
  try {
    const draft: StoredDraft<T> = { savedAt: new Date().toISOString(), baseVersion, value };
    localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Quota or privacy mode: the edit still lives in the page.
  }
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing stored.
  }
}
