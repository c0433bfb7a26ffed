import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // Tests bind real ports: run files one after another so they never race for the same ones.
    fileParallelism: false,
    // CLI tests run the bundle in out/cli, as users do: build it when it is missing.
    globalSetup: ['test/support/build-cli-once.ts'],
  },
})
