// The extension's manifest for one browser, its hosts derived from the site registry. wxt.config.ts
// hands it to WXT at build time, in Node: nothing imported here may touch DOM globals on import.
//
// Least privilege, per browser. test/unit/manifest.test.ts snapshots both built manifests and fails
// on <all_urls>, a content_security_policy key, externally_connectable, or a host no site declares.
// docs/store-listing.md justifies each permission.
import type { UserManifest } from 'wxt';
import { LOADER_FILE } from './content-files.ts';
import type { Registry } from './sites/create-registry.ts';
import { registry } from './sites/registry.ts';

export function extensionManifest(browser: string, sites: Registry = registry): UserManifest {
  const firefox = browser === 'firefox';
  return {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // sidePanel is Chrome's; Firefox's sidebar needs no permission. identity: "Sign in with <provider>"
    // (launchWebAuthFlow); scripting: the content script once a page has loaded (its loader asks:
    // lib/background/inject-content-script.ts), and the loader on a Salesforce domain the rep granted
    // from Options (lib/background/granted-sites.ts). See docs/store-listing.md.
    permissions: firefox
      ? ['storage', 'alarms', 'identity', 'scripting']
      : ['storage', 'sidePanel', 'alarms', 'identity', 'scripting'],
    // The endpoint is reached through its CORS allowance for extension origins, so it needs no host permission.
    host_permissions: [...sites.matches],
    // The loader only (lib/content/loader.ts): the content script follows once the page has loaded.
    content_scripts: [{ matches: [...sites.matches], js: [LOADER_FILE], run_at: 'document_start' }],
    // CRM domains few customers have, asked for from Options at the rep's click (components/options/OptionalHosts.tsx).
    optional_host_permissions: [...sites.optionalMatches],
    action: { default_title: 'Coalface' },
    ...(firefox
      ? {
          sidebar_action: { default_panel: 'sidebar.html', default_title: 'Coalface', open_at_install: false },
          browser_specific_settings: {
            gecko: {
              id: 'coalface@coalface.dev',
              // 140 (ESR): the first Firefox with built-in data consent; see docs/firefox.md.
              strict_min_version: '140.0',
              // Addresses and names read from the page go to the rep's endpoint: declared, not hidden.
              data_collection_permissions: { required: ['personallyIdentifyingInfo', 'websiteContent'] },
            },
            // Firefox for Android has no sidebar; 142 is its first version with data consent.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          side_panel: { default_path: 'sidebar.html' },
          // Settings IT manages (enterprise policy), described for Chrome's policy tools. Firefox reads
          // policies.json into storage.managed without it and its linter rejects the key.
          storage: { managed_schema: 'managed_schema.json' },
        }),
    commands: {
      'toggle-dock': { suggested_key: { default: 'Alt+Shift+C' }, description: '__MSG_toggleDockCommand__' },
    },
    // Only the dock's page, only to the supported sites (a granted optional host among them). Chrome's dynamic URL keeps the extension id
    // out of the page (no fingerprinting by probing chrome-extension://<id>/sidebar.html); Firefox
    // already uses a random per-install UUID and does not know the key.
    web_accessible_resources: [
      {
        resources: ['sidebar.html'],
        matches: [...sites.matches, ...sites.optionalMatches],
        ...(firefox ? {} : { use_dynamic_url: true }),
      },
    ],
  };
}
