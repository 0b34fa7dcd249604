import { type ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
}

/**
 * `npm run server -- serve --port 0 --db FILE …extra` as a child process, its log in `logFile`;
 * resolves with the URL from its first stdout line once every worker listens.
 */
export function spawnServer(file: string, logFile: string, extra: readonly string[] = []): Promise<ServerProcess> {
  const log = openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', 'serve', '--port', '0', '--db', file, ...extra],
    { cwd: ROOT, stdio: ['ignore', 'pipe', log] },
  );
  return new Promise((done, fail) => {
    createInterface({ input: child.stdout as NonNullable<ChildProcess['stdout']> }).once('line', (line) => {
      const url = /listening on (http:\/\/\S+)$/.exec(line)?.[1];
      if (url) done({ url, child });
      else fail(new Error(`unexpected first line from the server: ${line}`));
    });
    child.once('exit', (code) => fail(new Error(`the server exited with ${code}; see ${logFile}`)));
  });
}
