import {
  ElevatedKillResult,
  terminalCommand,
  type ElevationInfo,
  type ElevationRequest,
} from '../../../shared/elevation'
import { ErrorInfo as ErrorInfoSchema } from '../../../shared/error-schemas'
import { PortwardenError } from '../../../shared/errors'
import { ReservedChangeResult } from '../../../shared/reserved-change'
import { helperArgs } from './argv'
import type { ElevationRunner } from './runner'

type ReservedRequest = Extract<ElevationRequest, { action: 'reserved-add' | 'reserved-remove' }>
type KillRequest = Extract<ElevationRequest, { action: 'kill' }>

/**
 * Runs one privileged action through the small elevated helper, for a Portwarden that is not
 * itself privileged: `elevate({ action: 'reserved-add' | 'reserved-remove', startPort, count,
 * persist })` or `elevate({ action: 'kill', pid, identity, force })`. Where this machine cannot
 * elevate, or no one answers the prompt, the error carries the exact command to run in a
 * terminal instead (its `detail`).
 */
export class Elevation {
  constructor(
    private readonly runner: ElevationRunner,
    private readonly platform: string = process.platform,
  ) {}

  info(): ElevationInfo {
    return this.runner.method === 'none'
      ? { method: 'none', reason: this.runner.unavailableReason }
      : { method: this.runner.method }
  }

  elevate(request: ReservedRequest): Promise<ReservedChangeResult>
  elevate(request: KillRequest): Promise<ElevatedKillResult>
  async elevate(request: ElevationRequest): Promise<ReservedChangeResult | ElevatedKillResult> {
    const args = helperArgs(request) // throws invalid-input before anything runs
    const command = terminalCommand(request, this.platform)
    if (this.runner.method === 'none') {
      throw useTerminal(this.runner.unavailableReason ?? 'no elevation available', command)
    }
    const r = await this.runner.run(args)
    if (r.refused) {
      throw new PortwardenError(
        'permission-denied',
        'The administrator prompt was dismissed or refused; nothing was changed.',
        command,
      )
    }
    if (r.noAgent) throw useTerminal('no polkit authentication agent is running', command)
    if (r.code !== 0) throw helperError(r.stderr)
    let value: unknown
    try {
      value = JSON.parse(r.stdout)
    } catch {
      throw new PortwardenError('internal', 'The elevated helper gave no answer.', r.stderr)
    }
    return request.action === 'kill'
      ? ElevatedKillResult.parse(value)
      : ReservedChangeResult.parse({ ...(value as object), elevated: true })
  }
}

function useTerminal(reason: string, command: string): PortwardenError {
  return new PortwardenError(
    'permission-denied',
    `This needs root or administrator rights, and Portwarden cannot ask for them here (${reason}). ` +
      `Run this in a terminal instead: ${command}`,
    command,
  )
}

/** The helper's own error (`--json` puts it on stderr), or a plain failure. */
function helperError(stderr: string): PortwardenError {
  const lines = stderr.trim().split('\n')
  for (const line of lines.reverse()) {
    try {
      const info = ErrorInfoSchema.parse(JSON.parse(line))
      return new PortwardenError(info.kind, info.message, info.detail)
    } catch {
      // not the JSON error line
    }
  }
  return new PortwardenError('internal', 'The elevated helper failed.', stderr.slice(0, 2000))
}
