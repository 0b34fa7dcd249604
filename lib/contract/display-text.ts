// Which characters text shown to people may hold. Invisible characters let two names that look the
// same be different (a persona "Finance" and "Fin<U+200B>ance"), and bidi overrides make text display
// in another order than it is stored ("Dana <U+202E>eeL" shows as "Dana Lee"). They are stripped, not
// refused: most text arrives from marketing automation or a rep's queued verdict, and refusing a
// whole record over a character nobody can see would lose it.

/**
 * Removed everywhere: C0 and C1 controls and DEL (tab and line feed survive only in `many` text,
 * where every other line break has become a line feed), zero width space U+200B, bidi embeddings and
 * overrides U+202A–U+202E, the word joiner, invisible operators, bidi isolates and deprecated format
 * controls U+2060–U+206F, and U+FEFF. The marks LRM/RLM/ALM (U+200E, U+200F, U+061C) are kept:
 * right-to-left text needs them, and they cannot reorder letters.
 */
const INVISIBLE = /(?![\t\n])[\p{Cc}\u200b\u202a-\u202e\u2060-\u206f\ufeff]/gu;

/** Tab, CR, LF, NEL and the Unicode line and paragraph separators. */
const LINE_BREAK = /\r\n?|[\n\u0085\u2028\u2029]/g;
const BREAK_OR_TAB = /\r\n?|[\t\n\u0085\u2028\u2029]/g;

/**
 * ZWNJ and ZWJ (U+200C, U+200D) spell words in Persian, Arabic and the Indic scripts and join emoji
 * into one picture, so they are kept between two letters, marks or emoji of a script other than
 * Latin; next to Latin letters, digits, spaces or at either end they only hide a difference and go.
 */
const JOINER = /[\u200c\u200d]/g;
const JOINS = /^(?!\p{Script=Latin})[\p{L}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}]$/u;

function joinerNeeded(text: string, at: number): boolean {
  const before = [...text.slice(Math.max(0, at - 2), at)].at(-1);
  const after = [...text.slice(at + 1, at + 3)][0];
  return before !== undefined && after !== undefined && JOINS.test(before) && JOINS.test(after);
}

/** `one`: a name or a title, where a line break or tab becomes a space. `many`: a pitch, a body, a note. */
export type TextLines = 'one' | 'many';

/** The text with invisible and control characters removed (not trimmed). */
export function cleanDisplayText(text: string, lines: TextLines): string {
  const spaced = lines === 'one' ? text.replace(BREAK_OR_TAB, ' ') : text.replace(LINE_BREAK, '\n');
  return spaced
    .replace(INVISIBLE, '')
    .replace(JOINER, (joiner, at: number, whole: string) => (joinerNeeded(whole, at) ? joiner : ''));
}
