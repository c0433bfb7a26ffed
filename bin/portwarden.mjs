#!/usr/bin/env node
// Portwarden's command line: the same services as the app, under plain Node, no Electron.
import { tsImport } from 'tsx/esm/api'

const { main } = await tsImport('../src/cli/index.ts', import.meta.url)
process.exitCode = await main(process.argv.slice(2))
