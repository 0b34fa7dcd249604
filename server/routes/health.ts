import { type Health, routes } from '../../lib/contract/index.ts';
import { handle } from '../router/handle.ts';

export function healthRoutes(version: string) {
  const body: Health = { ok: true, version };
  return [handle(routes.health, (c) => c.json(body))];
}
