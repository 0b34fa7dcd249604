// Shared by the tests that drive the background with fake timers: a scripted global fetch (the
// network, not one of our modules) and ways to wait on what the background does without sleeping.
import { vi } from 'vitest';

export interface SentRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | null | undefined;
}

export type Answer = (request: SentRequest) => Response | Promise<Response>;

/** Replaces the global fetch; every request is recorded in `sent` and answered by `answer`. */
export function scriptNetwork(initial: Answer = () => Promise.reject(new TypeError('fetch failed'))) {
  const sent: SentRequest[] = [];
  const network = {
    sent,
    answer: initial,
    paths: () => sent.map((request) => request.url.pathname),
  };
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const request: SentRequest = {
      method: init.method ?? 'GET',
      url: new URL(input),
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? init.body : undefined,
      signal: init.signal,
    };
    sent.push(request);
    return network.answer(request);
  });
  return network;
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A server-sent event stream the test writes to, chunk by chunk, and can cut. */
export function eventStream() {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const state = { cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: () => {
      state.cancelled = true;
    },
  });
  const encoder = new TextEncoder();
  return {
    response: () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    write: (chunk: string | Uint8Array) =>
      controller?.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk),
    cut: () => controller?.close(),
    get cancelled() {
      return state.cancelled;
    },
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Waits (on real macrotasks, never on the faked clock) until `condition` holds. */
export async function until(condition: () => boolean | Promise<boolean>, what = 'the awaited effect'): Promise<void> {
  for (let i = 0; i < 2_000; i += 1) {
    if (await condition()) return;
    await tick();
  }
  throw new Error(`${what} never happened`);
}

/** Lets every pending I/O callback and promise run, without moving the faked clock. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 50; i += 1) await tick();
}
