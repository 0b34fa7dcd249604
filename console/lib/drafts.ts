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
