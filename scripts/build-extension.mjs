#!/usr/bin/env node
// Builds the extension for one browser (MV3) into a directory of your choice, through WXT's node API,
// so a test can check exactly what the current config builds without touching `.output/`, which
// other runs may be rebuilding at the same time.
//   node scripts/build-extension.mjs --browser firefox --out /tmp/coalface-build
import { parseArgs } from 'node:util';
import { build } from 'wxt';

const { values } = parseArgs({
  options: { browser: { type: 'string', default: 'chrome' }, out: { type: 'string' } },
});
if (!values.out) {
  process.stderr.write('usage: node scripts/build-extension.mjs --browser chrome|firefox --out DIR\n');
  process.exit(2);
}
await build({ browser: values.browser, manifestVersion: 3, outDir: values.out });
