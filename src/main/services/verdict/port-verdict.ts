import type { HolderRecord } from '../../../shared/holders'
import type { InventorySnapshot } from '../../../shared/inventory'
import { parsePortSpec } from '../../../shared/port-spec'
import { CheckRequest, type PortVerdict } from '../../../shared/verdict'
import { parseInput } from '../../../shared/validate'
import type { PortBackend } from '../../platform/backend'
import type { RuntimeReservationService } from '../runtime-reservations'
import { judgePort, type VerdictFacts } from './judge'

/**
 * Answers "can port N be bound, and if not, why?" from facts read fresh at each check (a poll
 * a second old could be wrong about a port that just changed hands).
 */
export class PortVerdictService {
  constructor(
    private readonly backend: PortBackend,
    private readonly runtime: RuntimeReservationService,
    /** Blocks held by other running Portwardens (AppServices.otherHolders). */
    private readonly otherHolders: () => HolderRecord[],
  ) {}

  /**
   * The facts, read fresh; or, given an inventory reading just taken (the watch service on
   * each poll), its sockets and ranges, so a poll does not list every socket twice.
   */
  facts(reading?: InventorySnapshot): VerdictFacts {
    return {
      platform: process.platform === 'win32' ? 'win32' : 'linux',
      ours: this.runtime.list(),
      otherHolders: this.otherHolders(),
      sockets: reading?.sockets ?? this.backend.listSockets().sockets,
      reserved: reading?.reservedRanges ?? this.backend.reservedRanges(),
      reservedBlocksBinds: this.backend.reservedRangesBlockBinds,
      dynamic: reading?.dynamicRanges ?? this.backend.dynamicRanges(),
      privileged: this.backend.privilegedPorts(),
    }
  }

  check(input: CheckRequest): PortVerdict[] {
    const { ports, protocol } = parseInput(CheckRequest, input)
    const list = parsePortSpec(ports)
    const facts = this.facts()
    return list.map((port) => judgePort(facts, protocol, port))
  }
}
