import { defineConfig } from 'wxt';
import { extensionManifest } from './lib/manifest.ts';

// Auto-imports are off so every name in the code can be followed to its import.
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // The sources zip Firefox reviewers ask for: the tree that builds the extension, nothing built or local.
  zip: {
    excludeSources: [
      'data/**',
      'bench/.data/**',
      'test-results/**',
      '.output/**',
      '.wxt/**',
      '**/*.log',
      '**/*.db',
      '**/*.db-*',
      '.env*',
    ],
  },
  manifest: ({ browser }) => extensionManifest(browser),
});
