// The fixtures of one app captured in each UI language, and ways to take a page's words away.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every UI language a site has fixtures in besides English (`<view>-<language>.html`). */
export const LANGUAGES = ['de', 'fr', 'es', 'ja', 'zh-CN', 'pt-BR', 'ar', 'he'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface LanguageFixture {
  doc: Document;
  url: URL;
}

/** A fixture as a document, with the URL its header comment names. */
export function loadFixture(site: string, name: string): LanguageFixture {
  const html = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', site, name), 'utf8');
  const url = /^\s*URL:\s*(\S+)/m.exec(html)?.[1];
  if (!url) throw new Error(`${site}/${name} must start with a comment holding "URL: <the page it stands for>"`);
  return { doc: new DOMParser().parseFromString(html, 'text/html'), url: new URL(url) };
}

/** The page without any of these attributes: what is left when the words (or the ids) are gone. */
export function without(doc: Document, ...attributes: string[]): Document {
  for (const attribute of attributes) {
    for (const el of Array.from(doc.querySelectorAll(`[${attribute}]`))) el.removeAttribute(attribute);
  }
  return doc;
}
