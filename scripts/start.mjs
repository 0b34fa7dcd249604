// `npm start`: build the extension, seed the demo database on first run, start the endpoint, and
// tell a new user exactly what to do next.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => resolve(root, 'node_modules/.bin', name);
// The demo SQLite file, or the PostgreSQL database DATABASE_URL names.
const dbFile = process.env.DATABASE_URL || resolve(root, 'data/coalface.db');
const port = process.env.PORT ?? '8787';

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`npm start: \`${[command, ...args].join(' ')}\` failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

console.log('Building the extension into .output/chrome-mv3 and the console into .output/console …');
run('npm', ['run', '--silent', 'build']);
run(bin('tsx'), ['server/cli.ts', 'seed', '--demo', '--if-empty', '--db', dbFile]);

const tokensFile = resolve(root, 'data/demo-tokens.json');
const tokens = existsSync(tokensFile) ? JSON.parse(readFileSync(tokensFile, 'utf8')) : {};
const endpoint = `http://127.0.0.1:${port}`;
console.log(`
Coalface is ready.

  Endpoint        ${endpoint}
  Console         ${endpoint}/console
  Demo tokens     rep       ${tokens.rep ?? '(see data/demo-tokens.json)'}
                  marketer  ${tokens.marketer ?? ''}
                  manager   ${tokens.manager ?? ''}
                  admin     ${tokens.admin ?? ''}

Load the extension in Chrome or Chromium:
  1. Open chrome://extensions and turn on Developer mode.
  2. Click "Load unpacked" and pick ${resolve(root, '.output/chrome-mv3')}
  3. In the extension's Options, set Endpoint URL to ${endpoint}, paste the rep token, and click Connect.
  4. Open a Gmail thread with a lead from the demo data (for example dana.lee@acme-robotics.com).
`);

const server = spawn(bin('tsx'), ['server/cli.ts', 'serve', '--port', port, '--db', dbFile], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
