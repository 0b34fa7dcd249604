import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Change, TalkingPointInput } from '../../lib/contract/index.ts';
import { openStore } from '../../server/store/index.ts';
import { expectProblem, startTestServer, type TestServer } from './helpers.ts';

interface SseEvent {
  event: string;
  id: string | null;
  data: string;
}

/** Reads server-sent events with fetch (as the extension does, so it can send the bearer token). */
async function openStream(url: string, token: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}`, ...headers }, signal: abort.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const body = res.body;
  if (!body) throw new Error('no body');
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const queue: SseEvent[] = [];
  let buffer = '';
  let ended = false;
  let waiting = null as (() => void) | null;
  const comments: string[] = [];
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = { event: 'message', id: null, data: '' };
          let fields = 0;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) {
              comments.push(line);
              continue;
            }
            const [, name, value] = /^(event|id|data): (.*)$/.exec(line) ?? [];
            if (value === undefined) continue;
            fields++;
            if (name === 'event') event.event = value;
            else if (name === 'id') event.id = value;
            else event.data += value;
          }
          if (fields > 0) queue.push(event);
          end = buffer.indexOf('\n\n');
        }
        waiting?.();
      }
    } catch {
      // aborted by the test
    }
    ended = true;
    waiting?.();
  })();
  return {
    comments,
    get ended() {
      return ended;
    },
    /** The next event, or null after `ms`. */
    async next(ms = 1000): Promise<SseEvent | null> {
      const deadline = Date.now() + ms;
      while (queue.length === 0 && !ended && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, deadline - Date.now());
          waiting = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return queue.shift() ?? null;
    },
    async untilEnded(ms: number): Promise<boolean> {
      const deadline = Date.now() + ms;
      while (!ended && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return ended;
    },
    close: () => abort.abort(),
  };
}

let s: TestServer;
const newPoint = (title: string) =>
  s.request('POST', '/v1/talking-points', { token: s.tokens.marketer, body: { title, body: 'b', status: 'live' } });

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

describe('GET /v1/stream', () => {
  it('delivers a change within 1 s of the write, then resumes after Last-Event-ID without gaps or duplicates', async () => {
    await newPoint('before the stream'); // cursor 1: history a new stream does not replay
    const stream = await openStream(`${s.url}/v1/stream`, s.tokens.rep);
    const wrote = Date.now();
    await newPoint('live one');
    const first = await stream.next(1000);
    expect(Date.now() - wrote).toBeLessThan(1000);
    expect(first).toMatchObject({ event: 'change', id: '2' });
    expect(Change.parse(JSON.parse(first?.data ?? ''))).toMatchObject({
      cursor: '2',
      kind: 'talkingPoint',
      op: 'upsert',
    });
    expect(stream.comments[0]).toMatch(/^: connected/);
    stream.close();

    await newPoint('while away 1');
    await newPoint('while away 2');
    const resumed = await openStream(`${s.url}/v1/stream`, s.tokens.rep, { 'Last-Event-ID': '2' });
    const ids = [(await resumed.next())?.id, (await resumed.next())?.id];
    expect(ids).toEqual(['3', '4']);
    expect(await resumed.next(700)).toBeNull();
    await newPoint('after resume');
    expect((await resumed.next())?.id).toBe('5');
    resumed.close();

    const fromQuery = await openStream(`${s.url}/v1/stream?since=3`, s.tokens.marketer);
    expect([(await fromQuery.next())?.id, (await fromQuery.next())?.id]).toEqual(['4', '5']);
    fromQuery.close();
  });

  it('carries writes by another process (the CLI import) within 1 s, by polling', async () => {
    const stream = await openStream(`${s.url}/v1/stream`, s.tokens.rep);
    const other = await openStore(s.target);
    try {
      const wrote = Date.now();
      await other.talkingPoints.put(
        'tp_from_cli',
        TalkingPointInput.parse({ title: 'From elsewhere', body: 'b', status: 'live' }),
        'import',
        new Date().toISOString(),
      );
      const event = await stream.next(1000);
      expect(Date.now() - wrote).toBeLessThan(1000);
      expect(JSON.parse(event?.data ?? '{}')).toMatchObject({ id: 'tp_from_cli', op: 'upsert' });
    } finally {
      await other.close();
      stream.close();
    }
  });

  it('needs a rep token and a real cursor', async () => {
    expect((await s.request('GET', '/v1/stream')).status).toBe(401);
    await expectProblem(
      await s.request('GET', '/v1/stream', { token: s.tokens.rep, headers: { 'Last-Event-ID': 'abc' } }),
      422,
    );
    await expectProblem(await s.request('GET', '/v1/stream?since=-1', { token: s.tokens.rep }), 422);
  });

  it('ends open streams when the server shuts down', async () => {
    const t = await startTestServer();
    const stream = await openStream(`${t.url}/v1/stream`, t.tokens.rep);
    const closed = Date.now();
    await t.close();
    expect(await stream.untilEnded(2000)).toBe(true);
    expect(Date.now() - closed).toBeLessThan(2000);
  });
});
