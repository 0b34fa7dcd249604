import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time from /proc (Linux), per process (user + system) and for the whole machine, so that a run
 * can say where the cores went: servers, PostgreSQL, the load generator and everything else. The
 * load generator takes a snapshot just before and just after its load (load.ts), so the window is
 * the load itself.
 */
const TICKS_PER_SECOND = 100;

export interface CpuSnapshot {
  /** Wall clock, ms. */
  at: number;
  /** pid → CPU ticks (1/100 s) so far. */
  ticks: Record<number, number>;
  /** Busy ticks of all cores together so far. */
  machineBusy: number;
}

function parseStat(text: string): { ppid: number; ticks: number } {
  // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
}

function allStats(): Map<number, { ppid: number; ticks: number }> {
  const all = new Map<number, { ppid: number; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      all.set(Number(name), parseStat(readFileSync(`/proc/${name}/stat`, 'utf8')));
    } catch {
      // the process ended meanwhile
    }
  }
  return all;
}

export function cpuSnapshot(): CpuSnapshot {
  const ticks: Record<number, number> = {};
  for (const [pid, s] of allStats()) ticks[pid] = s.ticks;
  const f = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  return { at: Date.now(), ticks, machineBusy: total - (f[3] ?? 0) - (f[4] ?? 0) };
}

/** `pid` and every process below it (a cluster primary and its workers). */
export function withDescendants(pid: number): number[] {
  const all = allStats();
  const out = [pid];
  for (let i = 0; i < out.length; i++) for (const [p, s] of all) if (s.ppid === out[i]) out.push(p);
  return out;
}

export interface CpuUse {
  /** Cores (CPU seconds per second) each group of processes used. */
  cores: Record<string, number>;
  /** Cores the whole machine had busy. */
  busy: number;
  seconds: number;
}

/** CPU use between two snapshots; a process that started in between counts from 0. */
export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot, groups: Record<string, readonly number[]>): CpuUse {
  const seconds = Math.max(0.001, (b.at - a.at) / 1000);
  const cores: Record<string, number> = {};
  for (const [name, pids] of Object.entries(groups)) {
    let ticks = 0;
    for (const pid of new Set(pids)) ticks += Math.max(0, (b.ticks[pid] ?? 0) - (a.ticks[pid] ?? 0));
    cores[name] = ticks / TICKS_PER_SECOND / seconds;
  }
  return { cores, busy: (b.machineBusy - a.machineBusy) / TICKS_PER_SECOND / seconds, seconds };
}
