/* Baseline for bench/acquire-block.ts: binds ports [start, start+count) the way Portwarden's
 * Linux backend does (dual-stack IPv6 wildcard, no listen), with nothing but the raw syscalls,
 * and prints the time the binds took in milliseconds. Like the backend, it sets IPV6_V6ONLY
 * off only where net.ipv6.bindv6only makes new sockets IPv6-only (argv[3] = 1). */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 4) return 2;
  int start = atoi(argv[1]), count = atoi(argv[2]), set_v6only = atoi(argv[3]);
  int *fds = calloc(count, sizeof(int));
  int off = 0;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int i = 0; i < count; i++) {
    int fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (set_v6only) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    struct sockaddr_in6 a;
    memset(&a, 0, sizeof a);
    a.sin6_family = AF_INET6;
    a.sin6_port = htons(start + i);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0) { perror("bind"); return 1; }
    fds[i] = fd;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("%.3f\n", (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
  for (int i = 0; i < count; i++) close(fds[i]);
  return 0;
}
