import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const alias = {
  '@shared': fileURLToPath(new URL('./shared', import.meta.url)),
  '@core': fileURLToPath(new URL('./electron/core', import.meta.url)),
};

// Main and preload are CommonJS: a sandboxed preload cannot be an ES module, and main uses __dirname.
export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      // electron-store (and conf, its store) are ES modules only: bundle them into the CommonJS main instead of
      // relying on require(esm) interop at run time.
      externalizeDeps: { exclude: ['electron-store'] },
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: fileURLToPath(new URL('./electron/main/index.ts', import.meta.url)),
          // Worker threads that evaluate queries off the main process's event loop.
          'eval-worker': fileURLToPath(new URL('./electron/core/query/eval-worker/entry.ts', import.meta.url)),
        },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: fileURLToPath(new URL('./electron/preload/index.ts', import.meta.url)) },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    resolve: { alias },
    plugins: [svelte({ configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)) })],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: fileURLToPath(new URL('./renderer/index.html', import.meta.url)) } },
    },
  },
});
