#!/usr/bin/env node
// After `wxt zip` and `wxt zip -b firefox --mv3`: the store packages and the sources zip exist, each
// package has its manifest.json at the top, and the sources zip holds the tree that builds the
// extension and nothing local or built (node_modules, .output, data, bench/.data, test-results).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, '.output');
const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** The file names in a zip, from its central directory (no dependency needed for a listing). */
export function zipEntries(path) {
  const data = readFileSync(path);
  let end = data.length - 22;
  while (end >= 0 && data.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error(`${path} is not a zip`);
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (data.readUInt32LE(at) !== 0x02014b50) throw new Error(`${path}: bad central directory`);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    names.push(data.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

const problems = [];
const present = new Set(readdirSync(OUT));
const expect = (file, check) => {
  if (!present.has(file)) return problems.push(`missing .output/${file}`);
  const entries = zipEntries(join(OUT, file));
  for (const problem of check(entries)) problems.push(`${file}: ${problem}`);
  process.stdout.write(`ok  .output/${file} (${entries.length} files)\n`);
};

const pkg = (entries) => [
  ...(entries.includes('manifest.json') ? [] : ['no manifest.json at the top']),
  ...(entries.includes('sidebar.html') ? [] : ['no sidebar.html']),
];
expect(`${name}-${version}-chrome.zip`, pkg);
expect(`${name}-${version}-firefox.zip`, pkg);
expect(`${name}-${version}-sources.zip`, (entries) => {
  const forbidden = /^(?:node_modules|\.output|\.wxt|data|bench\/\.data|test-results)\//;
  return [
    ...entries.filter((entry) => forbidden.test(entry)).map((entry) => `must not contain ${entry}`),
    ...['package.json', 'package-lock.json', 'wxt.config.ts', 'entrypoints/background.ts']
      .filter((needed) => !entries.includes(needed))
      .map((needed) => `missing ${needed}, which a reviewer needs to rebuild`),
  ];
});

if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exit(1);
}
