import { createInterface } from 'node:readline/promises'
import { PortwardenError } from '../shared/errors'
import type { ConfirmHostChange } from '../main/services/confirm'
import { err } from './stdio'

/**
 * The CLI's way to confirm a host change (see services/confirm.ts): `--yes` says yes up front;
 * otherwise the question is asked on the terminal, and only an explicit "y"/"yes" counts. With
 * no terminal to ask on, the change is refused with the flag to pass.
 */
export function terminalConfirm(yes: boolean): ConfirmHostChange {
  return async (q) => {
    if (yes) return true
    if (!process.stdin.isTTY) {
      throw new PortwardenError(
        'invalid-input',
        `${q.message} ${q.detail} Not asking without a terminal: pass --yes to go ahead.`,
      )
    }
    err(`${q.message}\n${q.detail}`)
    const rl = createInterface({ input: process.stdin, output: process.stderr })
    try {
      return /^y(es)?$/i.test((await rl.question(`${q.confirmLabel}? [y/N] `)).trim())
    } finally {
      rl.close()
    }
  }
}
