import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
}

export type Answer = { status: number; statusText?: string; type?: string; body: unknown };

/**
 * A real HTTP endpoint on 127.0.0.1 (port 0) that answers each request from `answer` and records it,
 * for the console's client code to call over the network as it does in the browser.
 */
export async function localEndpoint(answer: (seen: Seen) => Answer) {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const request: Seen = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
    };
    seen.push(request);
    const reply = answer(request);
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    const type = reply.type ?? (reply.status >= 400 ? 'application/problem+json' : 'application/json');
    res.writeHead(reply.status, reply.statusText ?? '', { 'Content-Type': type });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
