// The command line as one bundle under out/cli (`npm run build:cli`): plain Node runs it, no
// TypeScript at run time. Each command's code is its own chunk, loaded when the command runs.
import { builtinModules } from 'node:module'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import pkg from './package.json' with { type: 'json' }

// zod is bundled: loading its ~100 module files at run time costs ~60 ms, more than Node's
// own start-up; bundled and tree-shaken it costs a few. The rest stay external (koffi is native).
const runtimeDeps = Object.keys(pkg.dependencies).filter((d) => d !== 'zod')

export default defineConfig({
  build: {
    ssr: resolve('src/cli/entry.ts'),
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      external: [...runtimeDeps, ...builtinModules, /^node:/, /^koffi(\/|$)/],
      output: {
        format: 'esm',
        entryFileNames: 'portwarden.mjs',
        chunkFileNames: 'chunks/[name]-[hash].mjs',
      },
    },
  },
  ssr: { noExternal: ['zod'] },
  logLevel: 'warn',
})
