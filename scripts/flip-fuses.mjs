// Electron fuses for a packaged Portwarden: features baked into the Electron binary that a
// packager switches off (or on) once, after copying the binary and before signing it. No
// electron-builder or Forge needed:
//
//   node scripts/flip-fuses.mjs path/to/portwarden          (Linux, Windows: the .exe)
//   node scripts/flip-fuses.mjs path/to/Portwarden.app      (macOS)
//
// It prints the fuse wire afterwards. The app must then be loaded from app.asar (with integrity
// hashes, which @electron/asar and the packagers write) — see README, Security.
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
// @electron/fuses 1.x: CommonJS, and runs on Node 20 (2.x wants Node 22).
const { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } = require('@electron/fuses')

/**
 * The fuses and why. Every fuse @electron/fuses 1.x knows is set explicitly; a fuse a newer
 * Electron adds (e.g. WasmTrapHandlers) keeps Electron's default and shows up in the printout.
 */
export const FUSE_CONFIG = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and other session data encrypted at rest with the OS keystore.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS (e.g. --require evil.js) is ignored.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect and friends cannot attach a debugger to the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash in the binary (macOS and Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Only app.asar is loaded, never a loose app/ folder someone drops next to it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Not used: the browser process starts from Electron's own V8 snapshot.
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // Off: the page comes from app://portwarden (src/main/app-protocol.ts), so file:// pages need
  // none of the extra privileges Electron grants them (fetch, service workers, CORS to file:).
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
}

/** The fuse wire as names → "on" / "off" / "removed" / "default". */
export function describeWire(wire) {
  const states = { 48: 'off', 49: 'on', 114: 'removed', 144: 'default' }
  const out = {}
  for (const [index, state] of Object.entries(wire)) {
    if (index === 'version') continue
    out[FuseV1Options[Number(index)] ?? `fuse #${index}`] = states[state] ?? `state ${state}`
  }
  return out
}

/** Flips FUSE_CONFIG into the binary at `path`; resolves to the wire read back. */
export async function flip(path) {
  await flipFuses(path, FUSE_CONFIG)
  return describeWire(await getCurrentFuseWire(path))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = process.argv[2]
  if (!target) {
    console.error('usage: node scripts/flip-fuses.mjs <packaged Electron binary or .app>')
    process.exit(2)
  }
  try {
    console.log(JSON.stringify(await flip(target), null, 2))
  } catch (err) {
    console.error(`flip-fuses: ${err instanceof Error ? err.message : err}`)
    process.exit(1)
  }
}
