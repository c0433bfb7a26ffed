import koffi, { type LibraryHandle } from 'koffi'
import { PortwardenError } from '../../../shared/errors'
// The aliases (DWORD, SOCKET…) must be registered before any prototype that names them is parsed.
import './ctypes'

/** What to tell the user when a DLL or one of its exports is missing on this system. */
export interface MissingMessages {
  /** The DLL itself cannot be loaded (not Windows, or a stand-in path that does not exist). */
  library: string
  /** The DLL loads but lacks the export (older Windows, Wine). */
  func: (name: string) => string
}

const nameOf = (prototype: string): string => /(\w+)\s*\(/.exec(prototype)?.[1] ?? prototype

/**
 * A DLL loaded on first use, whose functions are each bound on first call. Nothing is loaded
 * at import time, so the backend can be constructed (and tested) on any OS, and a system that
 * lacks one export still offers every other feature.
 */
export function lazyDll(path: string, missing: MissingMessages) {
  let lib: LibraryHandle | undefined
  const library = (): LibraryHandle => {
    if (lib) return lib
    try {
      lib = koffi.load(path)
      return lib
    } catch (err) {
      throw new PortwardenError('not-supported', missing.library, `load ${path}: ${String(err)}`)
    }
  }
  /** A function that binds `prototype` when first called, then calls straight through. */
  return function bind<F extends (...args: never[]) => unknown>(prototype: string): F {
    let fn: ((...args: unknown[]) => unknown) | undefined
    const call = (...args: unknown[]): unknown => {
      if (!fn) {
        const handle = library()
        try {
          fn = handle.func(prototype) as (...args: unknown[]) => unknown
        } catch (err) {
          const name = nameOf(prototype)
          throw new PortwardenError('not-supported', missing.func(name), `${path}: ${String(err)}`)
        }
      }
      return fn(...args)
    }
    return call as unknown as F
  }
}
