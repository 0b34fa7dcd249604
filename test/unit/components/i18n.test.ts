import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMessage, t } from '../../../lib/ui/i18n.ts';
import messages from '../../../public/_locales/en/messages.json';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('t', () => {
  it('reads the bundled English messages when the browser has none to give (unit tests)', () => {
    expect(t('openOptions')).toBe('Open options');
  });

  it('fills named placeholders from the substitutions, in order', () => {
    expect(t('faredLanded', [8, 11])).toBe('Landed 8 of 11');
    expect(t('staleBanner', '12 minutes ago')).toBe('Offline — showing what we had 12 minutes ago');
  });

  it('keeps a literal dollar written as $$', () => {
    expect(formatMessage({ message: 'Save $$$1' }, ['5'])).toBe('Save $5');
  });
});

describe('the messages file', () => {
  it('uses names the browser accepts and gives every message a description', () => {
    for (const [name, entry] of Object.entries(messages)) {
      expect(name).toMatch(/^[A-Za-z0-9_@]+$/);
      expect(entry.description.length).toBeGreaterThan(0);
    }
  });

  it('holds every key the sidebar asks for', () => {
    const sources = ['components', 'lib/ui'].flatMap((dir) =>
      readdirSync(join(ROOT, dir))
        .filter((file) => /\.tsx?$/.test(file) && !file.startsWith('Options'))
        .map((file) => readFileSync(join(ROOT, dir, file), 'utf8')),
    );
    const asked = new Set(
      sources.flatMap((source) => [...source.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)].map((m) => m[1])),
    );
    const missing = [...asked].filter((key) => key !== undefined && !(key in messages));
    expect(missing).toEqual([]);
  });
});
