/**
 * Acquiring a 1,000-port wildcard TCP block through Portwarden's Linux backend (koffi into libc,
 * plus the free-block search) against the same 1,000 socket/setsockopt/bind calls made by a
 * small C program, in the same run. Prints medians and the ratio:
 *   node --import tsx bench/acquire-block.ts
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createLinuxBackend } from '../src/main/platform/linux'
import { median, ms, runWhenMain } from './stats'

const COUNT = Number(process.env.BENCH_BLOCK ?? 1000)
const RUNS = Number(process.env.BENCH_RUNS ?? 31)

function buildBaseline(): string {
  const exe = join(mkdtempSync(join(tmpdir(), 'portwarden-bench-')), 'bind-block')
  execFileSync('cc', ['-O2', '-o', exe, resolve('bench/baseline/bind-block.c')])
  return exe
}

export async function main(): Promise<{ ours: number; baseline: number; ratio: number }> {
  const backend = createLinuxBackend()
  const baselineExe = buildBaseline()
  const setV6Only = readFileSync('/proc/sys/net/ipv6/bindv6only', 'utf8').trim() === '0' ? '0' : '1'
  const ours: number[] = []
  const baseline: number[] = []
  for (let i = 0; i < RUNS + 2; i++) {
    const t0 = performance.now()
    const block = backend.acquireBlock({ protocol: 'tcp', startPort: 0, count: COUNT })
    const elapsed = performance.now() - t0
    block.release()
    // The C program binds exactly the block just found free, so both do the same binds.
    const c = Number(
      execFileSync(baselineExe, [String(block.startPort), String(COUNT), setV6Only], {
        encoding: 'utf8',
      }),
    )
    if (i >= 2) {
      ours.push(elapsed)
      baseline.push(c)
    }
  }
  const result = {
    ours: median(ours),
    baseline: median(baseline),
    ratio: median(ours) / median(baseline),
  }
  console.log(`acquire a ${COUNT}-port wildcard TCP block (median of ${RUNS})`)
  console.log(`  portwarden (koffi + search):   ${ms(result.ours)}`)
  console.log(`  C baseline (raw binds):        ${ms(result.baseline)}`)
  console.log(`  ratio portwarden / C:          ${result.ratio.toFixed(2)}x   (target <= 1.5x)`)
  return result
}

runWhenMain(import.meta.url, main)
