import { defineConfig } from 'wxt';
import { SITE_MATCHES } from './lib/sites/hosts.ts';

// Auto-imports are off so every name in the code can be followed to its import.
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'sidePanel', 'alarms'],
    // The endpoint is reached through its CORS allowance for extension origins, so it needs no host permission.
    host_permissions: [...SITE_MATCHES],
    action: { default_title: 'Coalface' },
    side_panel: { default_path: 'sidebar.html' },
    commands: {
      'toggle-dock': { suggested_key: { default: 'Alt+Shift+C' }, description: '__MSG_toggleDockCommand__' },
    },
    web_accessible_resources: [{ resources: ['sidebar.html'], matches: [...SITE_MATCHES] }],
  },
});
