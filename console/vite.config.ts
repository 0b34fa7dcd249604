// `npm run build:console`: the console's static files into .output/console, served by the endpoint at /console.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export const CONSOLE_OUT_DIR = resolve(import.meta.dirname, '../.output/console');

export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: CONSOLE_OUT_DIR,
    emptyOutDir: true,
    // Hashed names under assets/ are cached for a year; index.html is never cached.
    assetsDir: 'assets',
    // No inline scripts or styles: the console's CSP allows only its own files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
