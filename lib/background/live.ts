// Keeps sidebars current with what marketers change. While a sidebar is open, the endpoint's
// stream pushes each change; otherwise the change cursor is read on the sync alarm. The cursor is
// stored, so a restarted worker resumes where it stopped: no change is missed or applied twice.
// The stream also says which leads just got new engagement: live news only, with no cursor.
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { Change, LeadEngagement, STREAM_EVENT } from '../contract/changes.ts';
import { routes } from '../contract/routes.ts';
import { openDb } from '../store/db.ts';
import { type Credentials, callEndpoint, EndpointError } from './api.ts';
import { SseParser } from './sse.ts';

const CURSOR_KEY = 'changes-cursor';
const MAX_RECONNECT_MS = 30_000;

export async function readCursor(): Promise<string | undefined> {
  const db = await openDb();
  const parsed = z.string().safeParse(await db.get('settings', CURSOR_KEY));
  return parsed.success ? parsed.data : undefined;
}

async function saveCursor(cursor: string): Promise<void> {
  const db = await openDb();
  await db.put('settings', cursor, CURSOR_KEY);
}

export type OnChanges = (changes: Change[]) => Promise<void>;
export type OnEngagement = (engaged: LeadEngagement[]) => void;

/** Reads what changed since the stored cursor (the first time: only where "now" is). */
export async function pollChanges(credentials: Credentials, onChanges: OnChanges): Promise<void> {
  let since = await readCursor();
  for (let page = 0; page < 20; page += 1) {
    const result = await callEndpoint(credentials, routes.changes, { query: { since } });
    if (result.changes.length > 0) await onChanges(result.changes);
    await saveCursor(result.cursor);
    since = result.cursor;
    if (!result.hasMore) return;
  }
}

let running: AbortController | undefined;

export function streamRunning(): boolean {
  return running !== undefined && !running.signal.aborted;
}

export function stopStream(): void {
  running?.abort();
  running = undefined;
}

/** Opens the stream unless it is open; reconnects with backoff until stopped. */
export function startStream(credentials: Credentials, onChanges: OnChanges, onEngagement?: OnEngagement): void {
  if (streamRunning()) return;
  const controller = new AbortController();
  running = controller;
  void (async () => {
    let delay = 1_000;
    while (!controller.signal.aborted) {
      try {
        if ((await readCursor()) === undefined) await pollChanges(credentials, onChanges);
        const stream = await callEndpoint(credentials, routes.stream, {
          headers: { 'Last-Event-ID': await readCursor() },
          signal: controller.signal,
        });
        if (!stream.body) throw new EndpointError('The live stream answered without a body.', stream.status);
        delay = 1_000;
        await readStream(stream.body, controller.signal, onChanges, onEngagement);
      } catch {
        // Unreachable, refused or cut: try again below, unless we were stopped.
      }
      if (controller.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, MAX_RECONNECT_MS);
    }
  })();
}

async function readStream(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  onChanges: OnChanges,
  onEngagement: OnEngagement | undefined,
) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
  for (;;) {
    const { value, done } = await reader.read();
    if (done || signal.aborted) return;
    // An open fetch alone does not keep an MV3 worker alive; an extension API call per chunk does.
    await browser.storage.session.set({ streamSeenAt: Date.now() });
    const changes: Change[] = [];
    const engaged: LeadEngagement[] = [];
    let lastId: string | undefined;
    for (const event of parser.push(decoder.decode(value, { stream: true }))) {
      if (event.event === STREAM_EVENT.engagement) {
        const parsed = LeadEngagement.safeParse(parseJson(event.data));
        if (parsed.success) engaged.push(parsed.data);
        continue;
      }
      if (event.event !== STREAM_EVENT.change) continue;
      const parsed = Change.safeParse(parseJson(event.data));
      if (parsed.success) changes.push(parsed.data);
      lastId = event.id ?? lastId;
    }
    if (changes.length > 0) await onChanges(changes);
    if (engaged.length > 0) onEngagement?.(engaged);
    if (lastId !== undefined) await saveCursor(lastId);
  }
}

export async function clearCursor(): Promise<void> {
  const db = await openDb();
  await db.delete('settings', CURSOR_KEY);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
