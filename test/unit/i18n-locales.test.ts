// The five locales say the same things: every language holds exactly English's keys, with the same
// placeholders, and every English key is asked for somewhere in the extension's code.
//
// "Asked for" is read by the TypeScript checker, not by pattern: for each call of the i18n `t`, the
// type of its key argument names the keys it can ask for (`t('copy')` is 'copy'; `t(cond ? 'a' : 'b')`
// is 'a' | 'b'; `t(messageKey('stage', stage))` is every `stage…` key of the contract's enum; `t(text)`
// over an `as const` table is that table's keys). A call whose argument is as wide as every key
// (`t(NOTICE_TEXT[code])` over a `Record<…, MessageKey>`) counts the values written in that table.
// Anything wider or less clear fails the test rather than counting as "used".
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const LOCALES_DIR = join(ROOT, 'public/_locales');
const SOURCE_DIRS = ['lib', 'components', 'entrypoints'];
// The UI's `t`, and the dock's own in the content script, which cannot carry the bundled English.
const I18N_MODULES = [join(ROOT, 'lib/ui/i18n.ts'), join(ROOT, 'lib/content/words.ts')];

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

function readLocale(lang: string): Record<string, Entry> {
  return JSON.parse(readFileSync(join(LOCALES_DIR, lang, 'messages.json'), 'utf8'));
}

const en = readLocale('en');
const EN_KEYS = Object.keys(en);
const LANGS = readdirSync(LOCALES_DIR).filter((lang) => lang !== 'en');

/** `$NAME$` placeholders (case-insensitive, as the browser reads them) and bare `$1`…`$9`. */
function placeholdersIn(message: string): string[] {
  const named = [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => `$${m[1]?.toLowerCase()}$`);
  const bare = [...message.replace(/\$\$/g, '').matchAll(/\$([1-9])(?!\$)/g)].map((m) => `$${m[1]}`);
  return [...named, ...bare].sort();
}

describe('the locales', () => {
  it('are the five the extension ships', () => {
    expect(['en', ...LANGS].sort()).toEqual(['de', 'en', 'es', 'fr', 'ja']);
  });

  it.each(LANGS)('%s holds exactly the keys of en', (lang) => {
    const keys = Object.keys(readLocale(lang));
    expect(
      EN_KEYS.filter((key) => !keys.includes(key)),
      'missing',
    ).toEqual([]);
    expect(
      keys.filter((key) => !(key in en)),
      'not in en',
    ).toEqual([]);
  });

  it.each(LANGS)('%s keeps every placeholder of en, and its placeholders objects exactly', (lang) => {
    const messages = readLocale(lang);
    for (const key of EN_KEYS) {
      const ours = messages[key];
      const theirs = en[key] as Entry;
      if (!ours) continue; // reported by the test above
      expect(typeof ours.message, `${lang}/${key}`).toBe('string');
      expect(ours.message.trim().length, `${lang}/${key} is empty`).toBeGreaterThan(0);
      expect(placeholdersIn(ours.message), `${lang}/${key} placeholders`).toEqual(placeholdersIn(theirs.message));
      expect(ours.placeholders, `${lang}/${key} placeholders object`).toEqual(theirs.placeholders);
      expect(ours.description, `${lang}/${key} description`).toBe(theirs.description);
    }
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const path = join(dir, item.name);
    if (item.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(item.name) && !item.name.endsWith('.d.ts') ? [path] : [];
  });
}

function literalValues(type: ts.Type): string[] | undefined {
  const parts = type.isUnion() ? type.types : [type];
  const values: string[] = [];
  for (const part of parts) {
    if (!part.isStringLiteral()) return undefined;
    values.push(part.value);
  }
  return values;
}

/** The string literals written as values in the initializer of the table `expression` indexes. */
function tableValues(checker: ts.TypeChecker, expression: ts.Expression): string[] | undefined {
  if (!ts.isElementAccessExpression(expression)) return undefined;
  const symbol = checker.getSymbolAtLocation(expression.expression);
  const declaration = symbol?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  const initializer = declaration.initializer;
  if (!ts.isObjectLiteralExpression(initializer)) return undefined;
  const values: string[] = [];
  for (const property of initializer.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isStringLiteralLike(property.initializer)) return undefined;
    values.push(property.initializer.text);
  }
  return values;
}

/** Every key the code asks `t` for, or the places it cannot tell. */
function keysAskedFor(): { asked: Set<string>; unclear: string[] } {
  const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir)));
  const program = ts.createProgram(files, {
    strict: true,
    jsx: ts.JsxEmit.ReactJSX,
    allowImportingTsExtensions: true,
    noEmit: true,
    resolveJsonModule: true,
    esModuleInterop: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const asked = new Set<string>();
  const unclear: string[] = [];

  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    for (const m of source.text.matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)) if (m[1]) asked.add(m[1]);
    if (I18N_MODULES.includes(file)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.arguments[0] && isI18nT(checker, node.expression)) {
        const argument = node.arguments[0];
        let keys = literalValues(checker.getTypeAtLocation(argument));
        if (keys && keys.length >= EN_KEYS.length) keys = tableValues(checker, argument);
        const where = `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        if (keys) for (const key of keys) asked.add(key);
        else unclear.push(`${where} t(${argument.getText()})`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { asked, unclear };
}

function isI18nT(checker: ts.TypeChecker, callee: ts.Expression): boolean {
  if (!ts.isIdentifier(callee) || callee.text !== 't') return false;
  let symbol = checker.getSymbolAtLocation(callee);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const module = symbol?.valueDeclaration?.getSourceFile().fileName;
  return module !== undefined && I18N_MODULES.includes(module);
}

describe('the English keys', () => {
  it('are each asked for somewhere in lib/, components/ or entrypoints/', { timeout: 120_000 }, () => {
    const { asked, unclear } = keysAskedFor();
    expect(unclear, 't() calls whose keys the test cannot tell').toEqual([]);
    expect(asked.size, 'the checker found the t() calls').toBeGreaterThan(50);
    expect(
      EN_KEYS.filter((key) => !asked.has(key)),
      'keys nothing asks for',
    ).toEqual([]);
    expect(
      [...asked].filter((key) => !(key in en)),
      'keys asked for that en lacks',
    ).toEqual([]);
  });
});

describe('the UI language for dates and numbers', () => {
  it('is one of the shipped languages, with its region kept, else English', async () => {
    const { pickLocale, SHIPPED_LANGUAGES } = await import('../../lib/ui/i18n.ts');
    expect([...SHIPPED_LANGUAGES].sort()).toEqual(['en', ...LANGS].sort());
    expect(pickLocale('de')).toBe('de');
    expect(pickLocale('de_AT')).toBe('de-AT');
    expect(pickLocale('ja-JP')).toBe('ja-JP');
    expect(pickLocale('pt-BR')).toBe('en');
    expect(pickLocale('')).toBe('en');
    expect(pickLocale('not a locale!')).toBe('en');
  });

  it('writes relative times, dates and scores in German for a German browser', async () => {
    vi.resetModules();
    vi.stubGlobal('navigator', { language: 'de-DE' });
    try {
      const time = await import('../../lib/ui/time.ts');
      const { formatScore } = await import('../../lib/ui/number.ts');
      const now = Date.parse('2026-11-20T12:00:00Z');
      expect(time.relativeTime(now - 3 * 24 * 3_600_000, now)).toBe('vor 3 Tagen');
      expect(time.relativeTime(now - 5 * 60_000, now)).toBe('vor 5 Minuten');
      expect(time.formatDate('2026-12-19T12:00:00Z')).toBe('19.12.2026');
      expect(formatScore(4.25)).toBe('4,3');
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});
