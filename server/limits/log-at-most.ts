/**
 * `log`, at most once per `everyMs`: a shared limit whose database is down fails on every request,
 * and one line a minute (counting the ones left out) says so without flooding the log.
 */
export function logAtMost(log: (line: string) => void, everyMs = 60_000): (line: string) => void {
  let last = Number.NEGATIVE_INFINITY;
  let skipped = 0;
  return (line) => {
    const now = Date.now();
    if (now - last < everyMs) {
      skipped++;
      return;
    }
    log(skipped > 0 ? `${line} (${skipped} more since the last such line)` : line);
    last = now;
    skipped = 0;
  };
}

/** An error's code and message, on one line, for a log. */
export function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reasonOf(error.errors[0]);
  const e = error as { code?: string; message?: string };
  return [e.code, e.message].filter(Boolean).join(' ') || String(error);
}
