import { spawn } from 'node:child_process';
import { ROOT } from '../support/server-process.ts';
import type { CpuSnapshot } from './proc-cpu.ts';

export interface LoadResult {
  reqPerSec: number;
  total: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
  statuses: Record<string, number>;
  /** With `cpu: true`: the load generator's pid and every process's CPU time just before and after the load. */
  pid?: number;
  cpu?: { before: CpuSnapshot; after: CpuSnapshot };
}

/** Runs a load generator script (`bench/…/load.ts`) with `options` in its own process; resolves with the JSON line it prints. */
export function runLoadScript<T>(script: string, options: Record<string, unknown>): Promise<T> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(options)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  return new Promise((done, fail) => {
    child.once('exit', (code) => {
      if (code === 0) done(JSON.parse(out) as T);
      else fail(new Error(`the load generator exited with ${code}`));
    });
  });
}

/** Runs bench/server/load.ts with `options` in its own process and resolves with its figures. */
export function load(options: Record<string, unknown>): Promise<LoadResult> {
  return runLoadScript<LoadResult>('bench/server/load.ts', options);
}
