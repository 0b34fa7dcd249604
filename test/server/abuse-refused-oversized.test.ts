import { type IncomingMessage, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startHardened } from './hardening-helpers.ts';

/** Sends only the headers of a lookup declaring `bytes` of body, and returns the answer. */
function headersOnly(
  url: string,
  token: string,
  bytes: number,
): Promise<{ res: IncomingMessage; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/context/lookup`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': bytes },
    });
    req.once('error', reject);
    req.once('response', (res) => {
      res.resume();
      const closed = new Promise<void>((done) => req.socket?.once('close', () => done()));
      resolve({ res, closed });
    });
    req.flushHeaders();
  });
}

describe('a refused request never makes the endpoint read a body its route would refuse', () => {
  it('closes after a 429 to an oversized lookup instead of reading 480 KB, and keeps a normal one open', async () => {
    const s = await startHardened({ rateLimit: { perSecond: 1, burst: 1 } });
    try {
      const first = await s.fetch('/v1/context/lookup', {
        method: 'POST',
        token: s.tokens.rep,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ leads: [{ email: 'nobody@example.com' }] }),
      });
      expect(first.status).toBe(200);

      const { res, closed } = await headersOnly(s.url, s.tokens.rep, 480_000);
      expect(res.statusCode).toBe(429);
      expect(res.headers.connection).toBe('close');
      await closed;

      const small = await s.fetch('/v1/context/lookup', {
        method: 'POST',
        token: s.tokens.rep,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ leads: [{ email: 'nobody@example.com' }] }),
      });
      expect(small.status).toBe(429);
      expect(small.headers.get('connection')).not.toBe('close');
    } finally {
      await s.close();
    }
  });
});
