/**
 * Runs `check` one at a time: at once when asked (`run`), and every `pollMs` while started. A run
 * asked for during one runs once after it, so a write committed meanwhile is not left for the timer.
 * `check` handles its own errors (a closed database); a rejection is swallowed here.
 */
export function createSerialPoll(check: () => Promise<void>, pollMs: number) {
  let timer: NodeJS.Timeout | null = null;
  let checking: Promise<void> | null = null;
  let again = false;

  function run(): void {
    if (checking) {
      again = true;
      return;
    }
    checking = check()
      .catch(() => undefined)
      .finally(() => {
        checking = null;
        if (again) {
          again = false;
          run();
        }
      });
  }

  return {
    run,
    start(): void {
      if (timer) return;
      timer = setInterval(run, pollMs);
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
