/** Types for scripts/flip-fuses.mjs (for tests that import it). */
import type { FuseV1Config } from '@electron/fuses'

export declare const FUSE_CONFIG: FuseV1Config
export declare function describeWire(wire: Record<string, unknown>): Record<string, string>
export declare function flip(path: string): Promise<Record<string, string>>
