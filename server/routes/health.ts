import { Hono } from 'hono';
import type { Health } from '../../lib/contract/index.ts';

export function healthRoutes(version: string) {
  const app = new Hono();
  app.get('/', (c) => {
    const body: Health = { ok: true, version };
    return c.json(body);
  });
  return app;
}
