import type { StoredDraft } from '../lib/drafts.ts';
import { formatDateTime } from '../lib/format.ts';

interface RestoredDraftNoteProps {
  restored: StoredDraft<unknown> | null;
  /** The version the editor opened (null for a new item). */
  current: number | null;
  /** "campaign", "point": what changed since, in the sentence. */
  what: string;
}

/** Says the form holds edits left on this device, and whether the item has moved on since. */
export function RestoredDraftNote({ restored, current, what }: RestoredDraftNoteProps) {
  if (!restored) return null;
  return (
    <output className="console-note cf-status">
      Restored your unsaved edits from {formatDateTime(restored.savedAt)}.
      {current !== null && restored.baseVersion !== current
        ? ` The ${what} has changed since (now version ${current}); saving will ask before overwriting.`
        : ''}
    </output>
  );
}
