import { PortwardenError } from '../../shared/errors'
import {
  ReserveRequest,
  Token,
  type RuntimeReservation,
  type Token as TokenString,
} from '../../shared/model'
import { parseInput } from '../../shared/validate'
import type { AcquiredBlock, PortBackend } from '../platform/backend'

type Listener = (snapshot: RuntimeReservation[]) => void

/** How many released tokens are remembered, to tell "already released" from "never existed". */
const RELEASED_MEMORY = 10_000

/**
 * The registry of runtime reservations this process holds. It owns the backend's blocks (and so
 * their sockets) for their whole life and tells listeners after every change.
 */
export class RuntimeReservationService {
  private readonly held = new Map<TokenString, { block: AcquiredBlock; view: RuntimeReservation }>()
  private readonly released = new Set<TokenString>()
  private readonly listeners = new Set<Listener>()

  constructor(
    private readonly backend: PortBackend,
    private readonly now: () => Date = () => new Date(),
    /** Names who holds the ports when a block is refused as busy (see busy-holders.ts). */
    private readonly describeBusy?: (request: ReserveRequest) => string | undefined,
  ) {}

  reserve(input: ReserveRequest): RuntimeReservation {
    const request = parseInput(ReserveRequest, input)
    const block = this.acquire(request)
    const token = block.token.toString()
    if (block.token === 0n || this.held.has(token)) {
      // A backend handing out a duplicate token would make one release free two blocks.
      block.release()
      throw new PortwardenError('internal', 'The backend returned a token already in use.', token)
    }
    const view: RuntimeReservation = {
      token,
      protocol: block.protocol,
      startPort: block.startPort,
      count: block.count,
      acquiredAt: this.now().toISOString(),
    }
    this.held.set(token, { block, view })
    this.emit()
    return view
  }

  private acquire(request: ReserveRequest): AcquiredBlock {
    try {
      return this.backend.acquireBlock(request)
    } catch (err) {
      if (!(err instanceof PortwardenError) || err.kind !== 'port-in-use' || !this.describeBusy)
        throw err
      let who: string | undefined
      try {
        who = this.describeBusy(request)
      } catch {
        // Naming the holder is a courtesy; the refusal itself must come through unchanged.
      }
      throw who ? new PortwardenError(err.kind, `${err.message} ${who}`, err.detail) : err
    }
  }

  list(): RuntimeReservation[] {
    return [...this.held.values()].map((h) => h.view)
  }

  /** Total ports held across all blocks. */
  heldPortCount(): number {
    let n = 0
    for (const h of this.held.values()) n += h.view.count
    return n
  }

  release(tokenInput: string): RuntimeReservation {
    const token = parseInput(Token, tokenInput)
    const entry = this.held.get(token)
    if (!entry) {
      if (this.released.has(token)) {
        throw new PortwardenError('already-released', `Reservation ${token} was already released.`)
      }
      throw new PortwardenError(
        'not-found',
        `No runtime reservation with token ${token} is held by this Portwarden.`,
      )
    }
    entry.block.release()
    this.held.delete(token)
    this.rememberReleased(token)
    this.emit()
    return entry.view
  }

  /** The port Windows' pool hands a fresh socket associated with this reservation. */
  associateProbe(tokenInput: string): { token: TokenString; port: number } {
    const token = parseInput(Token, tokenInput)
    const entry = this.held.get(token)
    if (!entry) {
      throw new PortwardenError(
        'not-found',
        `No runtime reservation with token ${token} is held by this Portwarden.`,
      )
    }
    if (!entry.block.associateProbe) {
      throw new PortwardenError(
        'not-supported',
        'The associate probe is a Windows port-pool call; on this system the block is held by Portwarden’s own sockets.',
      )
    }
    return { token, port: entry.block.associateProbe() }
  }

  /** Releases every block; used on quit. Returns how many were released. */
  releaseAll(): number {
    const n = this.held.size
    if (n === 0) return 0
    for (const [token, entry] of this.held) {
      entry.block.release()
      this.rememberReleased(token)
    }
    this.held.clear()
    this.emit()
    return n
  }

  /** Calls `listener` with a full snapshot after each change; returns an unsubscribe function. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private rememberReleased(token: TokenString): void {
    this.released.add(token)
    if (this.released.size > RELEASED_MEMORY) {
      const oldest = this.released.values().next().value
      if (oldest !== undefined) this.released.delete(oldest)
    }
  }

  private emit(): void {
    const snapshot = this.list()
    for (const l of this.listeners) {
      // A failing listener (a closed window, a full disk) must not undo or hide the change.
      try {
        l(snapshot)
      } catch (err) {
        console.error('Portwarden: a reservation listener failed:', err)
      }
    }
  }
}
