/**
 * A `GET /v1/stream` client for tests that count streams: opens with fetch (as the extension does,
 * so it can send the bearer token), keeps the status, counts `event: change` blocks, keeps every
 * event's fields, and says when the server ended the stream.
 */
export interface StreamEvent {
  event: string;
  /** Null when the block had no `id:` line. */
  id: string | null;
  data: string;
}

export interface OpenedStream {
  status: number;
  retryAfter: string | null;
  /** The problem body when the stream was refused. */
  problem: unknown;
  changes(): number;
  /** The events received so far with this name, in order. */
  events(name: string): StreamEvent[];
  /** Everything the server sent so far. */
  text(): string;
  readonly ended: boolean;
  /** Resolves true once the server has ended the stream, false if it is still open after `ms`. */
  untilEnded(ms: number): Promise<boolean>;
  close(): void;
}

export async function openStream(url: string, token: string): Promise<OpenedStream> {
  const abort = new AbortController();
  const res = await fetch(`${url}/v1/stream`, { headers: { Authorization: `Bearer ${token}` }, signal: abort.signal });
  let ended = false;
  let changes = 0;
  const events: StreamEvent[] = [];
  let received = '';
  const endWaiters: (() => void)[] = [];
  const finish = () => {
    ended = true;
    for (const w of endWaiters.splice(0)) w();
  };
  const opened = res.status === 200 && res.body !== null;
  const problem = opened ? null : await res.json();
  if (opened && res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          received += value;
          buffer += value;
          const blocks = buffer.split('\n\n');
          buffer = blocks.pop() ?? '';
          changes += blocks.filter((b) => b.split('\n').includes('event: change')).length;
          events.push(...blocks.flatMap(parseBlock));
        }
      } catch {
        // aborted by the test
      }
      finish();
    })();
  } else finish();
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    problem,
    changes: () => changes,
    events: (name) => events.filter((e) => e.event === name),
    text: () => received,
    get ended() {
      return ended;
    },
    untilEnded(ms) {
      if (ended) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(ended), ms);
        endWaiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
    close: () => abort.abort(),
  };
}

/** One `event:`/`id:`/`data:` block; a comment-only block (`: ping`) is none. */
function parseBlock(block: string): StreamEvent[] {
  const event: StreamEvent = { event: 'message', id: null, data: '' };
  let fields = 0;
  for (const line of block.split('\n')) {
    const [, name, value] = /^(event|id|data): ?(.*)$/.exec(line) ?? [];
    if (value === undefined) continue;
    fields++;
    if (name === 'event') event.event = value;
    else if (name === 'id') event.id = value;
    else event.data += value;
  }
  return fields > 0 ? [event] : [];
}
