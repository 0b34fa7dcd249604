// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SidebarIntent } from '../../../lib/messages.ts';
import { type PortLike, reconnectDelay, useSidebarState } from '../../../lib/ui/useSidebarState.ts';
import { danaOnPage, readyState } from './fixtures.ts';

/** Stands in for a runtime port; `emit` and `drop` play the background's side. */
class FakePort implements PortLike {
  sent: SidebarIntent[] = [];
  disconnected = false;
  private messageListeners: ((message: unknown) => void)[] = [];
  private disconnectListeners: (() => void)[] = [];
  onMessage = { addListener: (listener: (message: unknown) => void) => this.messageListeners.push(listener) };
  onDisconnect = { addListener: (listener: () => void) => this.disconnectListeners.push(listener) };
  postMessage(message: SidebarIntent) {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    this.sent.push(message);
  }
  disconnect() {
    this.disconnected = true;
  }
  emit(message: unknown) {
    for (const listener of this.messageListeners) listener(message);
  }
  /** The background went away (service worker stopped). */
  drop() {
    this.disconnected = true;
    for (const listener of this.disconnectListeners) listener();
  }
}

function connectTo(ports: FakePort[]) {
  return vi.fn(() => {
    const port = new FakePort();
    ports.push(port);
    return port;
  });
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('useSidebarState', () => {
  it('shows each valid state the background sends', () => {
    const ports: FakePort[] = [];
    const connect = connectTo(ports);
    const { result } = renderHook(() => useSidebarState(connect));
    expect(result.current.state).toBeNull();
    act(() => ports[0]?.emit({ status: 'no_lead' }));
    expect(result.current.state).toEqual({ status: 'no_lead' });
    expect(result.current.linked).toBe(true);
  });

  it('ignores and warns about a message that is not a SidebarState', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ports: FakePort[] = [];
    const connect = connectTo(ports);
    const { result } = renderHook(() => useSidebarState(connect));
    act(() => ports[0]?.emit({ status: 'no_lead' }));
    act(() => ports[0]?.emit({ status: 'ready', leads: 'everyone' }));
    expect(result.current.state).toEqual({ status: 'no_lead' });
    expect(warn).toHaveBeenCalledOnce();
  });

  it('sends intents over the port', () => {
    const ports: FakePort[] = [];
    const connect = connectTo(ports);
    const { result } = renderHook(() => useSidebarState(connect));
    act(() => result.current.send({ type: 'select-lead', index: 1 }));
    expect(ports[0]?.sent).toEqual([{ type: 'select-lead', index: 1 }]);
  });

  it('keeps the last state and reconnects when the background restarts', () => {
    const ports: FakePort[] = [];
    const connect = connectTo(ports);
    const { result } = renderHook(() => useSidebarState(connect));
    const shown = readyState();
    act(() => ports[0]?.emit(shown));

    act(() => ports[0]?.drop());
    expect(result.current.linked).toBe(false);
    expect(result.current.state).toEqual(shown);
    expect(connect).toHaveBeenCalledTimes(1);

    act(() => vi.advanceTimersByTime(reconnectDelay(0)));
    expect(connect).toHaveBeenCalledTimes(2);
    act(() => ports[1]?.emit({ status: 'loading', leads: [danaOnPage], selected: 0 }));
    expect(result.current.linked).toBe(true);
    expect(result.current.state?.status).toBe('loading');
  });

  it('a frame the background refused stays refused: no reconnecting, no retry loop', () => {
    const ports: FakePort[] = [];
    const connect = connectTo(ports);
    const { result } = renderHook(() => useSidebarState(connect));
    act(() => ports[0]?.emit({ status: 'refused' }));
    act(() => ports[0]?.drop());
    act(() => vi.advanceTimersByTime(60_000));
    expect(connect).toHaveBeenCalledTimes(1);
    expect(result.current.state).toEqual({ status: 'refused' });
    expect(result.current.linked).toBe(true);
  });

  it('keeps trying, more slowly, while the background cannot be reached', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const connect = vi.fn((): PortLike => {
      throw new Error('Extension context invalidated.');
    });
    renderHook(() => useSidebarState(connect));
    act(() => vi.advanceTimersByTime(reconnectDelay(0)));
    act(() => vi.advanceTimersByTime(reconnectDelay(1)));
    expect(connect).toHaveBeenCalledTimes(3);
    expect(reconnectDelay(1)).toBeGreaterThan(reconnectDelay(0));
    expect(reconnectDelay(20)).toBe(5_000);
  });

  it('sends an intent made while disconnected once the port is back', () => {
    const ports: FakePort[] = [];
    const connect = connectTo(ports);
    const { result } = renderHook(() => useSidebarState(connect));
    act(() => ports[0]?.drop());
    act(() => result.current.send({ type: 'retry' }));
    act(() => vi.advanceTimersByTime(reconnectDelay(0)));
    expect(ports[1]?.sent).toEqual([{ type: 'retry' }]);
  });

  it('closes its port and stops reconnecting when the page goes away', () => {
    const ports: FakePort[] = [];
    const connect = connectTo(ports);
    const { unmount } = renderHook(() => useSidebarState(connect));
    unmount();
    expect(ports[0]?.disconnected).toBe(true);
    act(() => vi.advanceTimersByTime(60_000));
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it('keeps the answers to intents by their requestId, apart from the state', () => {
    const ports: FakePort[] = [];
    const connect = connectTo(ports);
    const { result } = renderHook(() => useSidebarState(connect));
    act(() => ports[0]?.emit({ status: 'no_lead' }));
    const notice = { type: 'notice', requestId: 'r-1', ok: false, code: 'no-compose', message: 'No draft open.' };
    act(() => ports[0]?.emit(notice));
    expect(result.current.notices.get('r-1')).toEqual(notice);
    expect(result.current.state).toEqual({ status: 'no_lead' });
  });

  it('sends every verdict made while disconnected, not only the last intent', () => {
    const ports: FakePort[] = [];
    const connect = connectTo(ports);
    const { result } = renderHook(() => useSidebarState(connect));
    act(() => ports[0]?.drop());
    const target = { kind: 'talkingPoint', id: 'tp-1' } as const;
    act(() => result.current.send({ type: 'feedback', requestId: 'a', target, verdict: 'landed' }));
    act(() => result.current.send({ type: 'select-lead', index: 1 }));
    act(() => result.current.send({ type: 'feedback', requestId: 'b', target, verdict: 'landed' }));
    act(() => result.current.send({ type: 'select-lead', index: 0 }));
    act(() => vi.advanceTimersByTime(reconnectDelay(0)));
    expect(ports[1]?.sent.map((intent) => ('requestId' in intent ? intent.requestId : intent.type))).toEqual([
      'a',
      'b',
      'select-lead',
    ]);
    expect(ports[1]?.sent.at(-1)).toEqual({ type: 'select-lead', index: 0 });
  });
});
