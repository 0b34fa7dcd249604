import { request } from 'node:http';
import { z } from 'zod';

/**
 * A client in its own process, as a real one is (in the test's process the server's event loop
 * would pace it): POSTs a body in 64 KB pieces, each as soon as the last one has left, and keeps
 * sending after the answer arrives, as curl or a plain HTTP library does. Without an answer by
 * `stopAt` bytes it waits for one before sending more. Usage:
 * `tsx test/server/slow-upload-client.ts '<options as JSON>'`; prints the answers as one JSON line.
 */
export const UploadOptions = z.object({
  url: z.string(),
  token: z.string(),
  total: z.number().int().positive(),
  /** Send a Content-Length; otherwise the body is chunked. */
  declare: z.boolean().default(true),
  stopAt: z.number().int().nonnegative().optional(),
  times: z.number().int().positive().default(1),
});
export type UploadOptions = z.input<typeof UploadOptions>;

export const UploadAnswer = z.object({
  status: z.number(),
  type: z.string().nullable(),
  text: z.string(),
  /** What went wrong on the client's side of the connection (EPIPE, ECONNRESET), if anything. */
  error: z.string().nullable(),
});
export type UploadAnswer = z.infer<typeof UploadAnswer>;

function upload(o: z.output<typeof UploadOptions>): Promise<UploadAnswer> {
  return new Promise((done) => {
    const piece = Buffer.alloc(64 * 1024, 'a');
    const stopAt = o.stopAt ?? o.total;
    const answer: UploadAnswer = { status: 0, type: null, text: '', error: null };
    let responded = false;
    let waiting: (() => void) | null = null;
    const req = request(o.url, {
      method: 'POST',
      agent: false,
      headers: {
        Authorization: `Bearer ${o.token}`,
        'Content-Type': 'application/json',
        ...(o.declare ? { 'Content-Length': String(o.total) } : {}),
      },
    });
    req.on('response', (res) => {
      responded = true;
      waiting?.();
      answer.status = res.statusCode ?? 0;
      answer.type = res.headers['content-type'] ?? null;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        answer.text += chunk;
      });
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      answer.error ??= e.code ?? e.message;
    });
    req.on('close', () => done(answer));
    let sent = 0;
    const write = () => {
      waiting = null;
      if (req.destroyed) return;
      if (sent >= o.total) return void req.end();
      if (sent >= stopAt && !responded) {
        waiting = write;
        return;
      }
      const size = Math.min(piece.length, o.total - sent);
      sent += size;
      req.write(piece.subarray(0, size), (e) => {
        if (!e) write();
      });
    };
    req.flushHeaders();
    write();
  });
}

if (process.argv[2]) {
  const options = UploadOptions.parse(JSON.parse(process.argv[2]));
  const answers: UploadAnswer[] = [];
  for (let i = 0; i < options.times; i++) answers.push(await upload(options));
  process.stdout.write(`${JSON.stringify(answers)}\n`);
}
