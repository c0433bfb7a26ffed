/*
 * portpool.dll: a MODEL of the Windows port pool for tests. It is NOT Windows.
 *
 * Wine's ws2_32 answers every port-reservation IOCTL with WSAEOPNOTSUPP and its iphlpapi lacks
 * the persistent-reservation functions, so the success paths of Portwarden's koffi bindings
 * cannot run there. This DLL stands in for both: loaded by path (tests only), it exports the
 * Winsock functions the bindings use and the six persistent-reservation functions, with the
 * behaviour Microsoft documents (mstcpip.h, iphlpapi.h, the SIO_*_PORT_RESERVATION pages):
 *
 *   - SIO_ACQUIRE_PORT_RESERVATION: INET_PORT_RANGE in (StartPort in network order, 0 = any
 *     block), INET_PORT_RESERVATION_INSTANCE out (16 bytes, token at offset 8). A wildcard
 *     block is taken from the dynamic range 49152-65535, lowest free block first.
 *   - The reservation lives as long as the socket that acquired it; release needs its token on
 *     a socket of the same protocol in this process (state is per process, like the real rule).
 *   - SIO_ASSOCIATE_PORT_RESERVATION on a fresh socket: a later bind to port 0 gets the lowest
 *     port of the reservation no other associated socket holds (and fails when none is free).
 *     Associating with a persistent reservation needs an elevated administrator.
 *   - Create/Lookup/DeletePersistent{Tcp,Udp}PortReservation: NO_ERROR, ERROR_ACCESS_DENIED
 *     (create/delete when not elevated), ERROR_INVALID_PARAMETER (zero start or count, block
 *     past 65535), ERROR_SHARING_VIOLATION (overlaps a reservation or a port bound here),
 *     ERROR_NOT_FOUND (no reservation matches start and count exactly, overlapping or not: the
 *     documented answer; field reports of 87 are handled by Portwarden, not modelled here).
 *
 * Every modelled behaviour and its source is listed in MODELLED.md beside this file.
 *
 * Choices the documentation leaves open, made here and unverified on real Windows: an
 * overlapping runtime acquire fails with WSAEADDRINUSE; a wildcard acquire with no free block
 * fails with WSAENOBUFS; an unknown token fails with WSAEINVAL; a bind with no free port left
 * in the reservation fails with WSAEADDRINUSE. Tokens are large (> 2^53) unless a test asks
 * for another with portpool_set_next_token, so koffi's BigInt path is exercised.
 *
 * Everything else (WSAStartup, real sockets, bind, getsockname, other IOCTLs, the last error)
 * is forwarded to the real ws2_32.dll. Not thread-safe: Node calls it from one thread.
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uintptr_t SOCKET;
#define INVALID_SOCKET ((SOCKET)~(uintptr_t)0)
#define SOCKET_ERROR (-1)
#define EXPORT __declspec(dllexport)

#define SIO_ACQUIRE 0x98000064u
#define SIO_RELEASE 0x98000065u
#define SIO_ASSOCIATE 0x98000066u
/* WSAE* codes come from winerror.h, which windows.h includes. */
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define DYNAMIC_LOW 49152
#define DYNAMIC_HIGH 65535

/* ---- the real ws2_32, for everything that is not modelled ---- */
static HMODULE real;
static FARPROC real_fn(const char *name) {
  if (!real) real = LoadLibraryA("ws2_32.dll");
  return real ? GetProcAddress(real, name) : NULL;
}
#define REAL(type, name) ((type)(void *)real_fn(name))
typedef int(WINAPI *startup_t)(WORD, void *);
typedef int(WINAPI *cleanup_t)(void);
typedef SOCKET(WINAPI *socket_t)(int, int, int);
typedef SOCKET(WINAPI *wsasocketw_t)(int, int, int, void *, unsigned, DWORD);
typedef int(WINAPI *setsockopt_t)(SOCKET, int, int, const char *, int);
typedef int(WINAPI *close_t)(SOCKET);
typedef int(WINAPI *bind_t)(SOCKET, const void *, int);
typedef int(WINAPI *getsockname_t)(SOCKET, void *, int *);
typedef int(WINAPI *ioctl_t)(SOCKET, DWORD, void *, DWORD, void *, DWORD, DWORD *, void *, void *);
typedef int(WINAPI *lasterr_t)(void);
typedef void(WINAPI *setlasterr_t)(int);

static int fail(int code) {
  REAL(setlasterr_t, "WSASetLastError")(code);
  return SOCKET_ERROR;
}

static uint16_t swap16(uint16_t v) { return (uint16_t)((v << 8) | (v >> 8)); }

/* ---- model state ---- */
typedef struct {
  int used;
  SOCKET s;
  int proto;           /* IPPROTO_TCP, IPPROTO_UDP, or 0 for anything else */
  uint64_t associated; /* token given by SIO_ASSOCIATE, 0 if none */
  int bound;           /* bind succeeded */
  int port;            /* the port handed out through the association, 0 if none */
} Sock;

typedef struct {
  int used;
  int persistent;
  int proto;
  int start, count;
  uint64_t token;
  SOCKET owner; /* runtime only: the socket whose lifetime bounds the reservation */
} Res;

#define MAX_SOCKS 256
#define MAX_RES 128
static Sock socks[MAX_SOCKS];
static Res res[MAX_RES];
static uint64_t next_token = 0xF00D000000000001ull;
static int elevated = -1; /* -1: not decided yet, read PORTPOOL_ELEVATED on first use */

static int is_elevated(void) {
  if (elevated < 0) {
    const char *env = getenv("PORTPOOL_ELEVATED");
    elevated = !(env && strcmp(env, "0") == 0);
  }
  return elevated;
}

static uint64_t new_token(void) {
  uint64_t t = next_token;
  next_token += 0x10001;
  if (next_token == 0) next_token = 1;
  return t;
}

static Sock *find_sock(SOCKET s) {
  for (int i = 0; i < MAX_SOCKS; i++)
    if (socks[i].used && socks[i].s == s) return &socks[i];
  return NULL;
}

static Res *find_token(uint64_t token) {
  for (int i = 0; i < MAX_RES; i++)
    if (res[i].used && res[i].token == token) return &res[i];
  return NULL;
}

static Res *new_res(void) {
  for (int i = 0; i < MAX_RES; i++)
    if (!res[i].used) return memset(&res[i], 0, sizeof res[i]), &res[i];
  return NULL;
}

static int overlaps(int proto, int start, int count) {
  for (int i = 0; i < MAX_RES; i++) {
    const Res *r = &res[i];
    if (r->used && r->proto == proto && start <= r->start + r->count - 1 &&
        r->start <= start + count - 1)
      return 1;
  }
  return 0;
}

/* A port handed out through an association to a socket that is still open. */
static int port_taken(int proto, int port) {
  for (int i = 0; i < MAX_SOCKS; i++)
    if (socks[i].used && socks[i].proto == proto && socks[i].port == port) return 1;
  return 0;
}


/* ---- Winsock: the reservation IOCTLs are modelled, the rest forwarded ---- */
EXPORT int WINAPI WSAStartup(WORD version, void *data) {
  startup_t f = REAL(startup_t, "WSAStartup");
  return f ? f(version, data) : WSAENOBUFS;
}

EXPORT int WINAPI WSACleanup(void) { return REAL(cleanup_t, "WSACleanup")(); }

EXPORT int WINAPI WSAGetLastError(void) { return REAL(lasterr_t, "WSAGetLastError")(); }

/* Registers a socket the real ws2_32 created, so the model can follow it. */
static SOCKET track(SOCKET s, int type, int protocol) {
  if (s == INVALID_SOCKET) return s;
  for (int i = 0; i < MAX_SOCKS; i++) {
    if (!socks[i].used) {
      memset(&socks[i], 0, sizeof socks[i]);
      socks[i].used = 1;
      socks[i].s = s;
      /* protocol 0 means the default for the type: TCP for SOCK_STREAM, UDP for SOCK_DGRAM */
      socks[i].proto = protocol ? (protocol == IPPROTO_TCP || protocol == IPPROTO_UDP ? protocol : 0)
                                : (type == 1 ? IPPROTO_TCP : type == 2 ? IPPROTO_UDP : 0);
      return s;
    }
  }
  REAL(close_t, "closesocket")(s);
  fail(WSAENOBUFS);
  return INVALID_SOCKET;
}

EXPORT SOCKET WINAPI socket(int af, int type, int protocol) {
  return track(REAL(socket_t, "socket")(af, type, protocol), type, protocol);
}

/* Forwarded with its flags (WSA_FLAG_NO_HANDLE_INHERIT reaches the real ws2_32 unchanged). */
EXPORT SOCKET WINAPI WSASocketW(int af, int type, int protocol, void *info, unsigned group,
                                DWORD flags) {
  return track(REAL(wsasocketw_t, "WSASocketW")(af, type, protocol, info, group, flags), type,
               protocol);
}

EXPORT int WINAPI setsockopt(SOCKET s, int level, int name, const char *value, int len) {
  return REAL(setsockopt_t, "setsockopt")(s, level, name, value, len);
}

/* Closing the acquiring socket ends its runtime reservations, as on Windows. */
EXPORT int WINAPI closesocket(SOCKET s) {
  Sock *k = find_sock(s);
  if (k) {
    for (int i = 0; i < MAX_RES; i++)
      if (res[i].used && !res[i].persistent && res[i].owner == s) res[i].used = 0;
    k->used = 0;
  }
  return REAL(close_t, "closesocket")(s);
}

EXPORT int WINAPI bind(SOCKET s, const void *addr, int len) {
  Sock *k = find_sock(s);
  if (!k) return REAL(bind_t, "bind")(s, addr, len);
  if (k->bound) return fail(WSAEINVAL);
  unsigned char copy[128];
  if (!addr || len < 4 || len > (int)sizeof copy) return fail(WSAEFAULT);
  memcpy(copy, addr, (size_t)len);
  uint16_t port_be;
  memcpy(&port_be, copy + 2, 2);
  int port = 0;
  if (k->associated && port_be == 0) {
    const Res *r = find_token(k->associated);
    if (!r) return fail(WSAEINVAL);
    for (int p = r->start; p < r->start + r->count && !port; p++)
      if (!port_taken(k->proto, p)) port = p;
    if (!port) return fail(WSAEADDRINUSE);
    port_be = swap16((uint16_t)port);
    memcpy(copy + 2, &port_be, 2);
  }
  int rc = REAL(bind_t, "bind")(s, copy, len);
  if (rc == 0) {
    /* Every bound port counts as in use (a Create over it fails with ERROR_SHARING_VIOLATION),
       whether the pool picked it or the caller named it. */
    unsigned char bound[128];
    int blen = (int)sizeof bound;
    uint16_t got_be = port_be;
    if (REAL(getsockname_t, "getsockname")(s, bound, &blen) == 0) memcpy(&got_be, bound + 2, 2);
    k->bound = 1;
    k->port = swap16(got_be);
  }
  return rc;
}

EXPORT int WINAPI getsockname(SOCKET s, void *addr, int *len) {
  return REAL(getsockname_t, "getsockname")(s, addr, len);
}

static int acquire(Sock *k, const unsigned char *in, DWORD in_len, unsigned char *out,
                   DWORD out_len, DWORD *returned) {
  if (in_len < 4 || out_len < 16) return fail(WSAEINVAL);
  uint16_t start_be, count16;
  memcpy(&start_be, in, 2);
  memcpy(&count16, in + 2, 2);
  int start = swap16(start_be), count = count16;
  if (count == 0) return fail(WSAEINVAL);
  if (start != 0) {
    if (start + count - 1 > 65535) return fail(WSAEINVAL);
    if (overlaps(k->proto, start, count)) return fail(WSAEADDRINUSE);
  } else {
    for (int p = DYNAMIC_LOW; p + count - 1 <= DYNAMIC_HIGH && !start; p++)
      if (!overlaps(k->proto, p, count)) start = p;
    if (!start) return fail(WSAENOBUFS);
  }
  Res *r = new_res();
  if (!r) return fail(WSAENOBUFS);
  r->used = 1;
  r->proto = k->proto;
  r->start = start;
  r->count = count;
  r->owner = k->s;
  r->token = new_token();
  memset(out, 0, 16);
  uint16_t out_start = swap16((uint16_t)start), out_count = (uint16_t)count;
  memcpy(out, &out_start, 2);
  memcpy(out + 2, &out_count, 2);
  memcpy(out + 8, &r->token, 8);
  *returned = 16;
  return 0;
}

EXPORT int WINAPI WSAIoctl(SOCKET s, DWORD code, void *in, DWORD in_len, void *out,
                           DWORD out_len, DWORD *returned, void *overlapped, void *completion) {
  if (code != SIO_ACQUIRE && code != SIO_RELEASE && code != SIO_ASSOCIATE)
    return REAL(ioctl_t, "WSAIoctl")(s, code, in, in_len, out, out_len, returned, overlapped,
                                     completion);
  Sock *k = find_sock(s);
  if (!k) return fail(WSAENOTSOCK);
  if (!k->proto) return fail(WSAEOPNOTSUPP);
  if (!in || !returned || (code == SIO_ACQUIRE && !out)) return fail(WSAEFAULT);
  *returned = 0;
  if (code == SIO_ACQUIRE) return acquire(k, in, in_len, out, out_len, returned);
  if (in_len < 8) return fail(WSAEINVAL);
  uint64_t token;
  memcpy(&token, in, 8);
  Res *r = find_token(token);
  if (!r || r->proto != k->proto) return fail(WSAEINVAL);
  if (code == SIO_RELEASE) {
    if (r->persistent) return fail(WSAEINVAL);
    r->used = 0;
    return 0;
  }
  /* SIO_ASSOCIATE: only before bind; persistent blocks need an elevated administrator. */
  if (k->bound || k->associated) return fail(WSAEINVAL);
  if (r->persistent && !is_elevated()) return fail(WSAEACCES);
  k->associated = token;
  return 0;
}

/* ---- iphlpapi: persistent reservations ---- */
static int block_invalid(int start, int count) {
  return start == 0 || count == 0 || start + count - 1 > 65535;
}

/* The persistent reservation that matches exactly, or (via *clash) one that only overlaps. */
static Res *find_persistent(int proto, int start, int count, int *clash) {
  *clash = 0;
  for (int i = 0; i < MAX_RES; i++) {
    Res *r = &res[i];
    if (!r->used || !r->persistent || r->proto != proto) continue;
    if (r->start == start && r->count == count) return r;
    if (start <= r->start + r->count - 1 && r->start <= start + count - 1) *clash = 1;
  }
  return NULL;
}

static ULONG create(int proto, USHORT start_be, USHORT count, uint64_t *token) {
  if (!is_elevated()) return ERROR_ACCESS_DENIED;
  int start = swap16(start_be);
  if (!token || block_invalid(start, count)) return ERROR_INVALID_PARAMETER;
  if (overlaps(proto, start, count)) return ERROR_SHARING_VIOLATION;
  for (int p = start; p < start + count; p++)
    if (port_taken(proto, p)) return ERROR_SHARING_VIOLATION;
  Res *r = new_res();
  if (!r) return ERROR_NOT_ENOUGH_MEMORY;
  r->used = 1;
  r->persistent = 1;
  r->proto = proto;
  r->start = start;
  r->count = count;
  r->token = *token = new_token();
  return NO_ERROR;
}

static ULONG lookup(int proto, USHORT start_be, USHORT count, uint64_t *token) {
  int start = swap16(start_be), clash;
  if (!token || block_invalid(start, count)) return ERROR_INVALID_PARAMETER;
  Res *r = find_persistent(proto, start, count, &clash);
  if (r) return *token = r->token, NO_ERROR;
  (void)clash; /* documented: not an exact match is ERROR_NOT_FOUND, overlapping or not */
  return ERROR_NOT_FOUND;
}

static ULONG delete_(int proto, USHORT start_be, USHORT count) {
  if (!is_elevated()) return ERROR_ACCESS_DENIED;
  int start = swap16(start_be), clash;
  if (block_invalid(start, count)) return ERROR_INVALID_PARAMETER;
  Res *r = find_persistent(proto, start, count, &clash);
  if (r) return r->used = 0, NO_ERROR;
  (void)clash; /* documented: not an exact match is ERROR_NOT_FOUND, overlapping or not */
  return ERROR_NOT_FOUND;
}

EXPORT ULONG WINAPI CreatePersistentTcpPortReservation(USHORT s, USHORT n, uint64_t *t) {
  return create(IPPROTO_TCP, s, n, t);
}
EXPORT ULONG WINAPI CreatePersistentUdpPortReservation(USHORT s, USHORT n, uint64_t *t) {
  return create(IPPROTO_UDP, s, n, t);
}
EXPORT ULONG WINAPI LookupPersistentTcpPortReservation(USHORT s, USHORT n, uint64_t *t) {
  return lookup(IPPROTO_TCP, s, n, t);
}
EXPORT ULONG WINAPI LookupPersistentUdpPortReservation(USHORT s, USHORT n, uint64_t *t) {
  return lookup(IPPROTO_UDP, s, n, t);
}
EXPORT ULONG WINAPI DeletePersistentTcpPortReservation(USHORT s, USHORT n) {
  return delete_(IPPROTO_TCP, s, n);
}
EXPORT ULONG WINAPI DeletePersistentUdpPortReservation(USHORT s, USHORT n) {
  return delete_(IPPROTO_UDP, s, n);
}

/* ---- test hooks (not Windows API) ---- */
EXPORT void portpool_set_elevated(int value) { elevated = value != 0; }
EXPORT void portpool_set_next_token(uint64_t token) { next_token = token ? token : 1; }

/* Forgets every reservation (persistent ones too); sockets stay as they are. */
EXPORT void portpool_reset(void) { memset(res, 0, sizeof res); }

/* The model's reservations as text, ports in host order: "tcp runtime 5000+10 token=...;" */
EXPORT int portpool_describe(char *buf, int len) {
  int used = 0;
  if (len > 0) buf[0] = 0;
  for (int i = 0; i < MAX_RES && used < len; i++) {
    const Res *r = &res[i];
    if (!r->used) continue;
    int n = snprintf(buf + used, (size_t)(len - used), "%s %s %d+%d token=%llu;",
                     r->proto == IPPROTO_TCP ? "tcp" : "udp", r->persistent ? "persistent" : "runtime",
                     r->start, r->count, (unsigned long long)r->token);
    if (n < 0) break;
    used += n;
  }
  return used < len ? used : len - 1;
}
