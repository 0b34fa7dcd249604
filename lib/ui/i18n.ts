// Every word the sidebar shows comes from public/_locales/en/messages.json, read through the
// browser's i18n API. Where that API has nothing to give (WXT's fake browser in unit tests, which
// throws), the same bundled file answers, so tests read the real text and the JSON stays the one source.
import { browser } from 'wxt/browser';
import bundled from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof bundled;

interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

const BUNDLED: Record<string, MessageEntry> = bundled;

// The browser's getMessage costs a call into the extension bindings each time (a sidebar render
// asks for dozens); a message without substitutions never changes while the page lives.
const plain = new Map<MessageKey, string>();

/** The message for `key`, with `$1`… filled from `substitutions` (numbers are formatted as given). */
export function t(key: MessageKey, substitutions?: string | number | readonly (string | number)[]): string {
  if (substitutions !== undefined) return message(key, toStrings(substitutions));
  let text = plain.get(key);
  if (text === undefined) {
    text = message(key, []);
    plain.set(key, text);
  }
  return text;
}

function message(key: MessageKey, values: string[]): string {
  const fromBrowser = browserMessage(key, values);
  if (fromBrowser) return fromBrowser;
  const entry = BUNDLED[key];
  return entry ? formatMessage(entry, values) : key;
}

function toStrings(substitutions: string | number | readonly (string | number)[] | undefined): string[] {
  if (substitutions === undefined) return [];
  const list = Array.isArray(substitutions) ? substitutions : [substitutions];
  return list.map(String);
}

function browserMessage(key: MessageKey, values: string[]): string {
  try {
    return browser.i18n.getMessage(key, values) ?? '';
  } catch {
    return '';
  }
}

/**
 * Fills a message as the browser does: named `$PLACEHOLDER$`s become their `content`, then `$1`…`$9`
 * become the substitutions, and `$$` a single dollar.
 */
export function formatMessage(entry: MessageEntry, values: readonly string[]): string {
  const placeholders = entry.placeholders ?? {};
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const found = Object.entries(placeholders).find(([key]) => key.toLowerCase() === name.toLowerCase());
    return found ? found[1].content : whole;
  });
  return named.replace(/\$(\$|[1-9])/g, (_whole, which: string) =>
    which === '$' ? '$' : (values[Number(which) - 1] ?? ''),
  );
}
