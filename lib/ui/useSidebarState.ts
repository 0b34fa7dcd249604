import { useCallback, useEffect, useRef, useState } from 'react';
import { type SidebarIntent, SidebarState } from '../messages.ts';

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
  const portRef = useRef<PortLike | null>(null);
  // An intent made while the background is away is sent once the port is back; only the latest counts.
  const pendingRef = useRef<SidebarIntent | null>(null);

  useEffect(() => {
    let disposed = false;
    let attempt = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

    const scheduleReconnect = () => {
      portRef.current = null;
      setLinked(false);
      retryTimer = setTimeout(open, reconnectDelay(attempt));
      attempt += 1;
    };

    const receive = (message: unknown) => {
      const parsed = SidebarState.safeParse(message);
      if (!parsed.success) {
        console.warn('Coalface sidebar: ignored a state message that does not match SidebarState', parsed.error.issues);
        return;
      }
      attempt = 0;
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
      pendingRef.current = null;
      if (pending && !post(port, pending)) pendingRef.current = pending;
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
    pendingRef.current = intent;
  }, []);

  return { state, linked, send };
}

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
