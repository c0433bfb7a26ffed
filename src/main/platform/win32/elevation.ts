import { lazyDll } from './lazy-dll'

/** winnt.h WELL_KNOWN_SID_TYPE WinBuiltinAdministratorsSid (golang.org/x/sys/windows: 26). */
const WIN_BUILTIN_ADMINISTRATORS_SID = 26
/** winnt.h SECURITY_MAX_SID_SIZE. */
const SECURITY_MAX_SID_SIZE = 68

/**
 * Whether this process runs elevated as an administrator: its token has the Administrators
 * group enabled. Under UAC a filtered token carries the group as deny-only, so
 * CheckTokenMembership answers false until the process is elevated — what the persistent
 * reservation calls and `netsh add` need. Microsoft documents this check in place of
 * IsUserAnAdmin, which "may be altered or unavailable in subsequent versions".
 * https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-checktokenmembership
 * https://learn.microsoft.com/windows/win32/api/shlobj_core/nf-shlobj_core-isuseranadmin
 * Throws (a PortwardenError 'not-supported') when advapi32 cannot be used at all.
 */
export function isElevatedAdministrator(path = 'advapi32.dll'): boolean {
  const fn = lazyDll(path, {
    library: 'advapi32.dll is not available on this system.',
    func: (name) => `This system's advapi32.dll lacks ${name}.`,
  })
  const createWellKnownSid = fn<
    (type: number, domain: null, sid: Buffer, size: [number]) => number
  >('BOOL CreateWellKnownSid(int type, void *domain, _Out_ void *sid, _Inout_ DWORD *size)')
  const checkTokenMembership = fn<(token: null, sid: Buffer, member: [number]) => number>(
    'BOOL CheckTokenMembership(void *token, void *sid, _Out_ BOOL *member)',
  )
  const sid = Buffer.alloc(SECURITY_MAX_SID_SIZE)
  if (!createWellKnownSid(WIN_BUILTIN_ADMINISTRATORS_SID, null, sid, [sid.length])) return false
  // A NULL token: the thread's impersonation token, or a copy of the process's primary token.
  const member: [number] = [0]
  if (!checkTokenMembership(null, sid, member)) return false
  return member[0] !== 0
}
