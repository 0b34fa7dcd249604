import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const DOC = 'docs/architecture.md';

/** Every `path/with.ext` or `folder/` in backticks, and every relative link target. */
function namedFiles(markdown: string): string[] {
  const names = new Set<string>();
  for (const [, path] of markdown.matchAll(/`([\w.-]+(?:\/[\w.-]+)+\/?|[\w-]+\.(?:ts|tsx|md|json))`/g)) {
    if (path) names.add(path);
  }
  for (const [, link] of markdown.matchAll(/\]\(([\w./-]+\.md)(?:#[\w-]+)?\)/g)) {
    if (link) names.add(join('docs', link));
  }
  return [...names];
}

describe('docs/architecture.md', () => {
  it('names only files and folders that exist, so a newcomer can follow every step', () => {
    const names = namedFiles(readFileSync(join(ROOT, DOC), 'utf8'));
    expect(names.length).toBeGreaterThan(40);
    const bare = names.filter((n) => !n.includes('/'));
    const missing = names.filter((n) => n.includes('/') && !existsSync(join(ROOT, n)));
    expect(missing).toEqual([]);
    // A bare file name (`Sidebar.tsx`) must exist somewhere we say it does: under components/ or console/components/.
    const unplaced = bare.filter(
      (n) => !['components', 'console/components', 'docs'].some((dir) => existsSync(join(ROOT, dir, n))),
    );
    expect(unplaced).toEqual([]);
  });
});
