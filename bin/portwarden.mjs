#!/usr/bin/env node
// Portwarden's command line: the bundle built into out/cli by `npm run build:cli` (run by
// `npm install` through `prepare`, and by `npm test`), under plain Node.

// First, before anything else loads: a SIGUSR1 listener keeps Node (< 22.14, which has no
// --disable-sigusr1) from opening its inspector on 127.0.0.1:9229 when any local user of the
// same uid — or root — sends the signal to a running `reserve`.
process.on('SIGUSR1', () => {})

try {
  await import('../out/cli/portwarden.mjs')
} catch (err) {
  if (
    err?.code === 'ERR_MODULE_NOT_FOUND' &&
    String(err.message).includes('out/cli/portwarden.mjs')
  ) {
    process.stderr.write(
      'portwarden: the command line is not built yet; run `npm run build:cli` in its folder.\n',
    )
    process.exitCode = 1
  } else throw err
}
