import { defineConfig } from '@playwright/test'

/**
 * Renderer e2e runs the built renderer in Debian's Chromium, served over loopback, with the
 * real main-process services behind window.api. The Electron project needs a real Electron
 * binary and skips itself, saying why, where none is installed.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  projects: [
    { name: 'renderer', testMatch: 'renderer/**/*.spec.ts' },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
})
