/**
 * Control (Cc) and format (Cf) characters and the line and paragraph separators: what a log line or
 * a path never holds raw. A line break would let logged text forge a line of its own, an escape
 * sequence would steer the operator's terminal, a bidi override would make a line read differently
 * from what it holds.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'gu');

export function hasUnprintable(text: string): boolean {
  return UNPRINTABLE.test(text);
}

/** `text` with each such character replaced by `replace(char)`. */
export function replaceUnprintable(text: string, replace: (char: string) => string): string {
  return text.replace(UNPRINTABLE_ALL, (char) => replace(char));
}
