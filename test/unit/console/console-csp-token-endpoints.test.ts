// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { consoleRoutes } from '../../../server/routes/console.ts';

const built = mkdtempSync(join(tmpdir(), 'coalface-console-csp-'));
writeFileSync(join(built, 'index.html'), '<!doctype html><title>console</title>');
afterAll(() => rmSync(built, { recursive: true, force: true }));

const connectSrc = async (tokenEndpoints?: () => Promise<readonly string[]>) => {
  const response = await consoleRoutes(built, { tokenEndpoints }).request('/?code=c&state=s');
  const csp = response.headers.get('Content-Security-Policy') ?? '';
  return csp.split('; ').find((directive) => directive.startsWith('connect-src'));
};

describe("the console page's connect-src", () => {
  it('is its own origin alone when no provider is connected', async () => {
    expect(await connectSrc()).toBe("connect-src 'self'");
    expect(await connectSrc(async () => [])).toBe("connect-src 'self'");
  });

  it("adds each provider's token endpoint (path, no query), once, so the sign-in code can be exchanged", async () => {
    const endpoints = async () => [
      'https://acme.okta.com/oauth2/v1/token?x=1',
      'https://login.microsoftonline.com/tenant/oauth2/v2.0/token',
      'https://acme.okta.com/oauth2/v1/token',
      'http://127.0.0.1:4100/token',
    ];
    expect(await connectSrc(endpoints)).toBe(
      "connect-src 'self' https://acme.okta.com/oauth2/v1/token https://login.microsoftonline.com/tenant/oauth2/v2.0/token http://127.0.0.1:4100/token",
    );
  });

  it('cannot be widened or broken by an odd address', async () => {
    const endpoints = async () => [
      'javascript:alert(1)',
      'not a url',
      "https://idp.test/a;script-src 'unsafe-inline',b",
    ];
    expect(await connectSrc(endpoints)).toBe(
      "connect-src 'self' https://idp.test/a%3Bscript-src%20'unsafe-inline'%2Cb",
    );
  });

  it('falls back to its own origin when the providers cannot be listed', async () => {
    expect(
      await connectSrc(async () => {
        throw new Error('database down');
      }),
    ).toBe("connect-src 'self'");
  });
});
