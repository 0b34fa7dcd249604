import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeDb, DB_NAME } from '../../../lib/store/db.ts';

/** Closes the extension's IndexedDB and deletes it, so the next test opens a fresh one. */
export async function deleteLocalDb(): Promise<void> {
  await closeDb();
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
  });
}

export type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

/** A real HTTP endpoint on a free local port that hands each request, once its body is read, to `handle`. */
export async function startHttpEndpoint(handle: Handler) {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => handle(request, body, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    credentials: { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: 'cf_test' },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
