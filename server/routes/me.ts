import { Hono } from 'hono';
import type { Me } from '../../lib/contract/index.ts';
import { authenticate } from '../auth.ts';
import type { AppEnv } from '../env.ts';
import type { Store } from '../store/index.ts';

export function meRoutes(store: Store) {
  const app = new Hono<AppEnv>();
  app.get('/', authenticate(store.tokens), (c) => {
    const me: Me = c.get('me');
    return c.json(me);
  });
  return app;
}
