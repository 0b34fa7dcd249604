/** A progress bar on stderr: rewritten in place on a TTY, one line every few seconds otherwise. */
export function createProgress(label: string, total: number, { intervalMs = 2000 } = {}) {
  const tty = process.stderr.isTTY === true;
  const start = performance.now();
  let last = 0;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const line = (done: number) => {
    const elapsed = (performance.now() - start) / 1000;
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const bar = '#'.repeat(Math.round(ratio * width)).padEnd(width, '.');
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (total - done) / rate : 0;
    return `${label} [${bar}] ${(ratio * 100).toFixed(0).padStart(3)}% ${fmt(done)}/${fmt(total)} ${fmt(rate)}/s eta ${eta.toFixed(0)}s`;
  };
  return {
    update(done: number): void {
      const now = performance.now();
      if (now - last < (tty ? 200 : intervalMs)) return;
      last = now;
      process.stderr.write(tty ? `\r${line(done)}\u001b[K` : `${line(done)}\n`);
    },
    done(done: number): void {
      process.stderr.write(tty ? `\r${line(done)}\u001b[K\n` : `${line(done)}\n`);
    },
  };
}
