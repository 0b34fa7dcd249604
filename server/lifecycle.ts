/**
 * A serving process's shutdown, as the parts that must react to it see it: `/readyz` answers 503 once
 * draining starts (the load balancer sends new requests elsewhere), and open streams end, telling
 * their clients to reconnect (they land on another instance).
 */
export function createLifecycle() {
  const shutdown = new AbortController();
  return {
    draining: (): boolean => shutdown.signal.aborted,
    /** Aborted when draining starts. */
    signal: shutdown.signal,
    startDraining(): void {
      shutdown.abort();
    },
  };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;
