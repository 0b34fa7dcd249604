import type { Me } from '../lib/contract/index.ts';

/** Hono context variables set by middleware. */
export interface AppEnv {
  Variables: { me: Me };
}
