/**
 * What Windows' socket tables do not list, as sentences the Ports in use tab and the report
 * show beside a Windows listing. The verdict's test bind sees all of these; the listing cannot.
 */
export const WINDOWS_LISTING_CAVEATS: readonly string[] = [
  'GetExtendedTcpTable leaves out TCP sockets that are bound but neither listening nor ' +
    'connected: such a socket holds its port without appearing here. A port check (test bind) ' +
    'still finds it.',
  'WSL mirrored networking and other Host Network Service (HNS) reservations hold ports with no ' +
    'socket at all: a bind there fails with WSAEADDRINUSE (10048) though nothing is listed. ' +
    'Portwarden lists them from HcnEnumerateGuestNetworkPortReservations where Windows offers it.',
  'Sockets owned by pid 0 (System Idle Process) are connections in TIME_WAIT whose process has ' +
    'gone; pid 4 (System) is the kernel, which holds the ports of HTTP.sys (IIS, WinRM, ' +
    'http.sys URL reservations) and SMB.',
  'Excluded port ranges hold ports without any socket: the system ones (Hyper-V, WinNAT, WSL) ' +
    'refuse every bind with WSAEACCES; administered ones (`*`) keep only automatic assignment ' +
    'away. See the Reserved ranges tab.',
]
