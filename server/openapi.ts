import { Hono } from 'hono';
import { buildDocument } from './openapi/document.ts';
import { OPERATIONS } from './openapi/operations.ts';

export { OPERATIONS } from './openapi/operations.ts';
export type { Access, Operation } from './openapi/types.ts';

export const OPENAPI_PATH = '/openapi.json';

/** Hono's `:param` form of an OpenAPI path. */
export const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** `GET /openapi.json`: built once, on first request, from OPERATIONS and the contract's schemas. */
export function openapiRoutes(version: string) {
  const app = new Hono();
  let body: string | undefined;
  app.get('/', (c) => {
    body ??= JSON.stringify(buildDocument(OPERATIONS, version));
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });
  return app;
}
