// The dock's own words, in the browser's language, through the browser's i18n API. The content
// script cannot carry lib/ui/i18n.ts (it bundles the English messages); test/unit/i18n-locales.test.ts
// counts the keys asked of this `t` as it counts that one's.
import { browser } from 'wxt/browser';
import type { MessageKey } from '../ui/i18n.ts';

export function t(key: MessageKey): string {
  try {
    return browser.i18n.getMessage(key) || key;
  } catch {
    return key;
  }
}
