import { type Me, routes } from '../../lib/contract/index.ts';
import { handle } from '../router/handle.ts';

export function meRoutes() {
  return [
    handle(routes.me, (c) => {
      const me: Me = c.get('me');
      return c.json(me);
    }),
  ];
}
