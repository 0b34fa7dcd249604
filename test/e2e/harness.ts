// Real parts for end-to-end tests: the endpoint as its own process on a free port with a temp
// database, and Debian's Chromium with the built extension loaded.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

export interface Endpoint {
  url: string;
  tokens: { rep: string; marketer: string; admin: string };
  dir: string;
  stop(): Promise<void>;
}

export async function startEndpoint(): Promise<Endpoint> {
  const dir = mkdtempSync(join(tmpdir(), 'coalface-e2e-'));
  const db = join(dir, 'coalface.db');
  const seeded = spawnSync(TSX, ['server/cli.ts', 'seed', '--demo', '--db', db], { cwd: ROOT, encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(`seed failed: ${seeded.stderr}`);
  const tokens = JSON.parse(readFileSync(join(dir, 'demo-tokens.json'), 'utf8'));
  const child = spawn(TSX, ['server/cli.ts', 'serve', '--port', '0', '--db', db], { cwd: ROOT });
  const url = await listeningUrl(child);
  return {
    url,
    tokens,
    dir,
    async stop() {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`endpoint did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`endpoint exited (${code}):\n${output}`));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    child.once('exit', () => resolvePromise());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found)
    throw new Error("No Chromium found. Install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.");
  return found;
}

export interface Browser {
  context: BrowserContext;
  extensionId: string;
  profile: string;
  close(): Promise<void>;
}

export async function launchWithExtension(): Promise<Browser> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error('The extension is not built: run `npm run build` first.');
  }
  const profile = mkdtempSync(join(tmpdir(), 'coalface-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    profile,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Screenshots land in test-results/screenshots; README shows copies from docs/screenshots. */
export function screenshotPath(name: string): string {
  const dir = join(ROOT, 'test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

export function fixture(path: string): string {
  return readFileSync(join(ROOT, 'test/fixtures', path), 'utf8');
}

/** Connects the extension as a rep would: through the options page. */
export async function connectThroughOptions(browser: Browser, endpoint: string, token: string): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.getByLabel('Endpoint URL').fill(endpoint);
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  await page.close();
}

/** The sidebar inside the dock on a host page. */
export function dockFrame(page: Page) {
  return page.frameLocator('coalface-dock iframe');
}
