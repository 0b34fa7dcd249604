export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * One progress line for a long import: rewritten in place (`\r`) on a terminal, a new line every
 * ~2 s otherwise (a log file gets a readable trail, not a wall of carriage returns).
 */
export function createImportProgress(sink: ProgressSink, label: string, totalBytes: number, intervalMs = 2000) {
  const tty = sink.isTTY === true;
  const start = performance.now();
  let last = start;
  let shown = false;
  const text = (rows: number, bytes: number) => {
    const secs = (performance.now() - start) / 1000;
    const pct = totalBytes > 0 ? ` ${Math.min(100, Math.floor((bytes / totalBytes) * 100))}%` : '';
    const rate = secs > 0 ? Math.round(rows / secs).toLocaleString('en-US') : '0';
    return `${label}:${pct} ${rows.toLocaleString('en-US')} rows (${rate} rows/s)`;
  };
  return {
    tick(rows: number, bytes: number): void {
      const now = performance.now();
      if (now - last < (tty ? Math.min(250, intervalMs) : intervalMs)) return;
      last = now;
      shown = true;
      sink.write(tty ? `\r${text(rows, bytes)}\u001b[K` : `${text(rows, bytes)}\n`);
    },
    /** Ends the in-place line so what follows starts on a line of its own. */
    end(): void {
      if (tty && shown) sink.write('\r\u001b[K');
    },
  };
}
