import { OPERATIONS, routes } from '../../lib/contract/index.ts';
import { buildDocument } from '../openapi/document.ts';
import { handle } from '../router/handle.ts';

/** `GET /openapi.json`: built once, on first request, from the route declarations. */
export function openapiRoutes(version: string) {
  let body: string | undefined;
  return [
    handle(routes.openapi, (c) => {
      body ??= JSON.stringify(buildDocument(OPERATIONS, version));
      return c.body(body, 200, { 'Content-Type': 'application/json' });
    }),
  ];
}
