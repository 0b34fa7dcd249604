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

/** The languages public/_locales holds; a browser in any other language reads English. */
export const SHIPPED_LANGUAGES: readonly string[] = ['en', 'de', 'es', 'fr', 'ja'];

let locale: string | undefined;

/**
 * The locale dates, numbers and relative times are written in: the browser's UI language
 * (`browser.i18n.getUILanguage()`, else `navigator.language`) when Coalface ships messages in it,
 * else English — the language the browser falls back to for the messages, so a sentence and the
 * date inside it agree. Kept whole (`de-AT`, `en-GB`) for that region's date and number habits.
 */
export function uiLocale(): string {
  if (locale === undefined) locale = pickLocale(browserLanguage());
  return locale;
}

/** `de_AT`, `de-at` → `de-AT`; a language without messages, or nothing readable → `en`. */
export function pickLocale(language: string | undefined): string {
  if (!language) return 'en';
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(language.replace(/_/g, '-'))[0];
  } catch {
    return 'en';
  }
  const base = canonical?.split('-')[0]?.toLowerCase();
  return canonical && base && SHIPPED_LANGUAGES.includes(base) ? canonical : 'en';
}

function browserLanguage(): string | undefined {
  try {
    const language = browser.i18n.getUILanguage();
    if (language) return language;
  } catch {
    // WXT's fake browser (unit tests) has no i18n: the page's language answers.
  }
  return typeof navigator === 'undefined' ? undefined : navigator.language;
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
