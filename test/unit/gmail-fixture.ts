import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Fixture {
  doc: Document;
  url: URL;
}

/** A Gmail fixture as a document, with the URL its header comment says it stands for. */
export function loadGmailFixture(name: string): Fixture {
  const path = join(import.meta.dirname, '..', 'fixtures', 'gmail', name);
  const html = readFileSync(path, 'utf8');
  const url = /^\s*URL:\s*(\S+)/m.exec(html)?.[1];
  if (!url) throw new Error(`${name} must start with a comment holding "URL: <the page it stands for>"`);
  return { doc: new DOMParser().parseFromString(html, 'text/html'), url: new URL(url) };
}
