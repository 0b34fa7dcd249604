import { useCallback, useEffect, useRef, useState } from 'react';
import { type SidebarIntent, SidebarNotice, SidebarState } from '../messages.ts';

/** The part of a runtime port the sidebar uses; `browser.runtime.connect()` returns one, tests hand in a fake. */
export interface PortLike {
  postMessage(message: SidebarIntent): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

export interface SidebarConnection {
  /** The latest valid state from the background; null until the first one arrives. */
  state: SidebarState | null;
  /** False from a disconnect until the next state arrives; `state` keeps the last one meanwhile. */
  linked: boolean;
  send: (intent: SidebarIntent) => void;
  /** The background's answers to intents that carried a `requestId`, by that id (the latest few). */
  notices: ReadonlyMap<string, SidebarNotice>;
}

/** Answers kept for the controls waiting on them; older ones are long since shown. */
const MAX_NOTICES = 50;

function withNotice(notices: ReadonlyMap<string, SidebarNotice>, notice: SidebarNotice) {
  const next = new Map(notices);
  next.delete(notice.requestId);
  next.set(notice.requestId, notice);
  for (const oldest of next.keys()) {
    if (next.size <= MAX_NOTICES) break;
    next.delete(oldest);
  }
  return next;
}

/** 500 ms, 1 s, 2 s, 4 s, then every 5 s: quick after a service-worker restart, quiet if the extension is gone. */
export function reconnectDelay(attempt: number): number {
  return Math.min(500 * 2 ** attempt, 5_000);
}

/**
 * Keeps a port to the background open and returns the state it pushes. `connect` must be stable
 * (defined outside the component), or every render would open a new port.
 */
export function useSidebarState(connect: () => PortLike): SidebarConnection {
  const [state, setState] = useState<SidebarState | null>(null);
  const [linked, setLinked] = useState(false);
  const [notices, setNotices] = useState<ReadonlyMap<string, SidebarNotice>>(() => new Map());
  const portRef = useRef<PortLike | null>(null);
  // Intents made while the background is away are sent, in order, once the port is back. A rep's
  // verdict, insert or resend (they carry a requestId) is never dropped; of the rest (switch lead,
  // retry, …) only the latest of each kind counts.
  const pendingRef = useRef<SidebarIntent[]>([]);

  useEffect(() => {
    let disposed = false;
    let attempt = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    // The background refused this frame (not opened by our dock): asking again would change nothing.
    let refused = false;

    const scheduleReconnect = () => {
      if (refused) return;
      portRef.current = null;
      setLinked(false);
      retryTimer = setTimeout(open, reconnectDelay(attempt));
      attempt += 1;
    };

    const receive = (message: unknown) => {
      const notice = SidebarNotice.safeParse(message);
      if (notice.success) {
        setNotices((shown) => withNotice(shown, notice.data));
        return;
      }
      const parsed = SidebarState.safeParse(message);
      if (!parsed.success) {
        console.warn('Coalface sidebar: ignored a state message that does not match SidebarState', parsed.error.issues);
        return;
      }
      attempt = 0;
      if (parsed.data.status === 'refused') refused = true;
      setLinked(true);
      setState(parsed.data);
    };

    function open() {
      if (disposed) return;
      let port: PortLike;
      try {
        port = connect();
      } catch (error) {
        console.warn('Coalface sidebar: could not reach the background, will retry', error);
        scheduleReconnect();
        return;
      }
      portRef.current = port;
      port.onMessage.addListener((message) => {
        if (!disposed && portRef.current === port) receive(message);
      });
      port.onDisconnect.addListener(() => {
        if (!disposed && portRef.current === port) scheduleReconnect();
      });
      const pending = pendingRef.current;
      pendingRef.current = [];
      const unsent = pending.findIndex((intent) => !post(port, intent));
      if (unsent >= 0) pendingRef.current = pending.slice(unsent);
    }

    open();
    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      portRef.current?.disconnect();
      portRef.current = null;
    };
  }, [connect]);

  const send = useCallback((intent: SidebarIntent) => {
    const port = portRef.current;
    if (port && post(port, intent)) return;
    pendingRef.current = withPending(pendingRef.current, intent);
  }, []);

  return { state, linked, send, notices };
}

/** Intents held for the next port: every one with a requestId; of the others, the newest per kind and item. */
export function withPending(pending: readonly SidebarIntent[], intent: SidebarIntent): SidebarIntent[] {
  if ('requestId' in intent) return [...pending, intent].slice(-MAX_PENDING);
  const key = pendingKey(intent);
  return [...pending.filter((held) => 'requestId' in held || pendingKey(held) !== key), intent].slice(-MAX_PENDING);
}

function pendingKey(intent: SidebarIntent): string {
  return 'id' in intent ? `${intent.type}:${intent.id}` : intent.type;
}

const MAX_PENDING = 50;

function post(port: PortLike, intent: SidebarIntent): boolean {
  try {
    port.postMessage(intent);
    return true;
  } catch (error) {
    // A port whose other end just went away throws; onDisconnect will follow and reconnect.
    console.warn('Coalface sidebar: could not send to the background yet', error);
    return false;
  }
}
