// @vitest-environment node
// Least privilege, checked on what ships: the manifests WXT builds from wxt.config.ts for Chrome and
// for Firefox (MV3 both), built fresh into a temp directory so the test never reads a stale or
// half-rebuilt `.output/`. The snapshot shows any change to either manifest in review; the explicit
// rules below fail even if someone updates the snapshot without reading it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_FILE, LOADER_FILE } from '../../lib/content-files.ts';
import { OPTIONAL_HOST_MATCHES, SITE_MATCHES } from '../../lib/sites/registry.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BROWSERS = ['chrome', 'firefox'] as const;
type Target = (typeof BROWSERS)[number];

interface WebAccessible {
  resources: string[];
  matches: string[];
  use_dynamic_url?: boolean;
}
interface Manifest {
  manifest_version: number;
  version: string;
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  optional_permissions?: string[];
  content_scripts?: { matches: string[]; js?: string[]; run_at?: string; all_frames?: boolean }[];
  web_accessible_resources?: WebAccessible[];
  background?: { service_worker?: string; scripts?: string[] };
  side_panel?: { default_path: string };
  sidebar_action?: { default_panel: string };
  browser_specific_settings?: {
    gecko?: {
      id?: string;
      strict_min_version?: string;
      data_collection_permissions?: { required?: string[]; optional?: string[] };
    };
  };
  [key: string]: unknown;
}

let out: string;
const dirOf = (browser: Target) => join(out, `${browser}-mv3`);
const manifestOf = (browser: Target): Manifest =>
  JSON.parse(readFileSync(join(dirOf(browser), 'manifest.json'), 'utf8')) as Manifest;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'coalface-manifest-'));
  for (const browser of BROWSERS) {
    const built = spawnSync(
      process.execPath,
      [join(ROOT, 'scripts/build-extension.mjs'), '--browser', browser, '--out', out],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (built.status !== 0) throw new Error(`wxt build -b ${browser} failed:\n${built.stdout}\n${built.stderr}`);
  }
}, 180_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe.each(BROWSERS)('the built %s manifest', (browser) => {
  it('matches the reviewed snapshot', () => {
    const { version: _version, ...rest } = manifestOf(browser);
    expect(rest).toMatchSnapshot();
  });

  it('is MV3 and reads only the supported sites', () => {
    const manifest = manifestOf(browser);
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.host_permissions).toEqual([...SITE_MATCHES]);
    for (const script of manifest.content_scripts ?? []) {
      expect(script.matches.every((match) => (SITE_MATCHES as readonly string[]).includes(match))).toBe(true);
    }
  });

  it('asks for custom CRM domains only as optional hosts, and never for every site', () => {
    const manifest = manifestOf(browser);
    expect(manifest.optional_host_permissions).toEqual([...OPTIONAL_HOST_MATCHES]);
    expect(manifest.optional_permissions).toBeUndefined();
    const text = JSON.stringify(manifest);
    expect(text).not.toContain('<all_urls>');
    expect(text).not.toMatch(/"(\*|https?):\/\/\*\/\*"/);
  });

  it('injects only the loader as a page starts loading, the one lib/background/granted-sites.ts registers on a granted domain', () => {
    const scripts = manifestOf(browser).content_scripts ?? [];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatchObject({ js: [LOADER_FILE], run_at: 'document_start' });
    expect(scripts[0]?.all_frames).toBeUndefined();
    expect(existsSync(join(dirOf(browser), LOADER_FILE))).toBe(true);
    // The content script the background injects after the load is built beside it.
    expect(existsSync(join(dirOf(browser), CONTENT_SCRIPT_FILE))).toBe(true);
  });

  it('asks for no API permission beyond storage, alarms, identity (signing in), scripting (granted domains) and (Chrome) the side panel', () => {
    expect(manifestOf(browser).permissions).toEqual(
      browser === 'chrome'
        ? ['storage', 'sidePanel', 'alarms', 'identity', 'scripting']
        : ['storage', 'alarms', 'identity', 'scripting'],
    );
  });

  it("describes the settings IT manages for Chrome's policy tools, and gives Firefox no key its linter rejects", () => {
    const manifest = manifestOf(browser);
    if (browser === 'firefox') {
      expect(manifest).not.toHaveProperty('storage');
      return;
    }
    expect(manifest.storage).toEqual({ managed_schema: 'managed_schema.json' });
    const schema = JSON.parse(readFileSync(join(dirOf(browser), 'managed_schema.json'), 'utf8'));
    expect(Object.keys(schema.properties).sort()).toEqual(
      ['endpointUrl', 'identityProvider', 'internalDomains', 'repsMayChange', 'sitesOff'].sort(),
    );
  });

  it('keeps the default CSP and lets no web page or other extension message it', () => {
    const manifest = manifestOf(browser);
    expect(manifest).not.toHaveProperty('content_security_policy');
    expect(manifest).not.toHaveProperty('externally_connectable');
    expect(manifest).not.toHaveProperty('sandbox');
  });

  it('exposes only the dock page to the supported sites, a granted optional host among them', () => {
    const resources = manifestOf(browser).web_accessible_resources;
    expect(resources).toHaveLength(1);
    const [only] = resources ?? [];
    expect(only?.resources).toEqual(['sidebar.html']);
    expect(only?.matches).toEqual([...SITE_MATCHES, ...OPTIONAL_HOST_MATCHES]);
    // Chrome: a per-session origin, so pages cannot probe for the extension by its id. Firefox has no such key.
    expect(only?.use_dynamic_url).toBe(browser === 'chrome' ? true : undefined);
    expect(existsSync(join(dirOf(browser), 'sidebar.html'))).toBe(true);
  });

  it('ships no remote code: no script from a URL, no eval, no new Function', () => {
    // A dependency that legitimately needs one goes here with its reason; none does today.
    const allowed: { file: RegExp; pattern: RegExp; reason: string }[] = [];
    const forbidden = [
      /<script\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?\/\//i,
      /\bimport\s*\(\s*["'`](?:https?:)?\/\//,
      /\bfrom\s*["'](?:https?:)?\/\//,
      /\bimportScripts\s*\(\s*["'`](?:https?:)?\/\//,
      /(?:^|[^\w$.])eval\s*\(/,
      /\bnew\s+Function\s*\(/,
    ];
    const found: string[] = [];
    const files = filesUnder(dirOf(browser)).filter((file) => /\.(?:m?js|html)$/.test(file));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const name = relative(dirOf(browser), file);
      for (const pattern of forbidden) {
        if (!pattern.test(text)) continue;
        if (allowed.some((entry) => entry.file.test(name) && entry.pattern.source === pattern.source)) continue;
        found.push(`${name}: ${pattern}`);
      }
    }
    expect(found).toEqual([]);
  });
});

describe('browser-specific keys', () => {
  it('Chrome: a service worker and the side panel', () => {
    const manifest = manifestOf('chrome');
    expect(manifest.background).toEqual({ service_worker: 'background.js' });
    expect(manifest.side_panel).toEqual({ default_path: 'sidebar.html' });
    expect(manifest).not.toHaveProperty('sidebar_action');
    expect(manifest).not.toHaveProperty('browser_specific_settings');
  });

  it("Firefox: an id, a minimum version, declared data collection, and the sidebar as Firefox's sidebar_action", () => {
    const manifest = manifestOf('firefox');
    const gecko = manifest.browser_specific_settings?.gecko;
    expect(gecko?.id).toBe('coalface@coalface.dev');
    expect(gecko?.strict_min_version).toBe('140.0');
    // Lead addresses and names read from the page go to the rep's endpoint: that is collection, and says so.
    expect(gecko?.data_collection_permissions?.required).toEqual(['personallyIdentifyingInfo', 'websiteContent']);
    expect(manifest.sidebar_action?.default_panel).toBe('sidebar.html');
    expect(existsSync(join(dirOf('firefox'), 'sidebar.html'))).toBe(true);
    expect(manifest).not.toHaveProperty('side_panel');
    // Firefox MV3 runs the background as an event page.
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
  });
});
