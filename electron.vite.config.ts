import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          // The inventory worker thread: main starts out/main/inventory-worker.js (see
          // src/main/services/inventory-worker/), so the OS is read off main's event loop.
          'inventory-worker': resolve('src/main/services/inventory-worker/worker.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload cannot require() packages: bundle zod and the contract into it.
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    // Minified: the page loads less to parse before its first paint (zod stays out of it too).
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    plugins: [react()],
  },
})
