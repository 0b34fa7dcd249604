/**
 * How many `GET /v1/stream` connections may be open: per token and in all. Per process on SQLite;
 * across every instance sharing one PostgreSQL (`shared-stream-slots.ts`).
 */
export interface StreamLimits {
  /** A rep has a few browsers, each with one stream. */
  perToken: number;
  total: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { perToken: 5, total: 1000 };

export type StreamSlot = { ok: true; release: () => void } | { ok: false; full: 'token' | 'total' };

/** Where open streams are counted: this process's memory, or a table every instance shares. */
export interface StreamSlots {
  acquire(tokenId: string): Promise<StreamSlot>;
}

/** This process's count (one host: SQLite). */
export function memoryStreamSlots(limits: StreamLimits): StreamSlots {
  const slots = createStreamSlots(limits);
  return { acquire: async (tokenId) => slots.acquire(tokenId) };
}

/** Counts open streams; each accepted stream holds a slot until it ends and calls `release` (once or more). */
export function createStreamSlots(limits: StreamLimits) {
  const byToken = new Map<string, number>();
  let open = 0;
  return {
    acquire(tokenId: string): StreamSlot {
      const mine = byToken.get(tokenId) ?? 0;
      if (mine >= limits.perToken) return { ok: false, full: 'token' };
      if (open >= limits.total) return { ok: false, full: 'total' };
      byToken.set(tokenId, mine + 1);
      open++;
      let held = true;
      return {
        ok: true,
        release: () => {
          if (!held) return;
          held = false;
          open--;
          const left = (byToken.get(tokenId) ?? 1) - 1;
          if (left > 0) byToken.set(tokenId, left);
          else byToken.delete(tokenId);
        },
      };
    },
    open: () => open,
  };
}
