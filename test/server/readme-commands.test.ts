import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

describe("server/README.md's command table", () => {
  it('has a row for each command the CLI offers, with the same flags', () => {
    const help = execFileSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'help'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const usages = [...help.matchAll(/^ {2}npm run server -- (.+)$/gm)].map((m) => m[1] ?? '');
    expect(usages.length).toBeGreaterThan(4);
    const readme = readFileSync(resolve(ROOT, 'server/README.md'), 'utf8');
    const rows = readme.split('\n').filter((line) => line.startsWith('| `'));
    for (const usage of usages) {
      const cell = `| \`${usage.replaceAll('|', '\\|')}\` |`;
      expect(
        rows.some((row) => row.startsWith(cell)),
        usage,
      ).toBe(true);
    }
  }, 30_000);
});
