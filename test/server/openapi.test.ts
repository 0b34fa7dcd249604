import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../lib/contract/routes.ts';
import { createApp } from '../../server/app.ts';
import { openStore } from '../../server/store/index.ts';
import { type HardenedServer, label, registeredRoutes, startHardened } from './hardening-helpers.ts';

let s: HardenedServer;
let doc: Record<string, unknown>;
beforeAll(async () => {
  s = await startHardened();
  const res = await s.fetch('/openapi.json');
  expect(res.status).toBe(200);
  doc = (await res.json()) as Record<string, unknown>;
});
afterAll(() => s.close());

describe('/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every route the app serves, and no route it does not', async () => {
    const store = await openStore(':memory:');
    const served = registeredRoutes(createApp(store).routes);
    await store.close();
    const documented = new Set(OPERATIONS.map(label));
    const undocumented = [...served].filter((r) => !documented.has(r));
    const phantom = [...documented].filter((r) => !served.has(r));
    expect(
      undocumented,
      `Routes served but missing from routes in lib/contract/routes.ts (declare it: method, path, access, schemas, limits): ${undocumented.join(', ')}`,
    ).toEqual([]);
    expect(
      phantom,
      `OPERATIONS lists routes the app does not serve (remove them or register the route): ${phantom.join(', ')}`,
    ).toEqual([]);
  });

  it('describes request bodies with the input side of the contract and errors as problem+json', () => {
    const paths = doc.paths as Record<
      string,
      Record<string, { requestBody?: unknown; responses: Record<string, { content?: Record<string, unknown> }> }>
    >;
    const lookup = paths['/v1/context/lookup']?.post;
    expect(JSON.stringify(lookup?.requestBody)).toContain('"additionalProperties":false');
    for (const op of OPERATIONS) {
      const documented = paths[op.path]?.[op.method];
      expect(documented, label(op)).toBeDefined();
      for (const [status, response] of Object.entries(documented?.responses ?? {})) {
        if (Number(status) >= 400)
          expect(Object.keys(response.content ?? {}), `${label(op)} ${status}`).toEqual(['application/problem+json']);
      }
      if (op.access !== 'public') expect(Object.keys(documented?.responses ?? {})).toContain('401');
    }
  });

  it('is served to anyone as JSON, with the security headers', async () => {
    const res = await s.fetch('/openapi.json');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
