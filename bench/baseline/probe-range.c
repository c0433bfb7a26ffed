/* Floor for bench/check-range.ts: the test binds a full-range check cannot do without, made by
 * nothing but the raw syscalls — for each port 1..65535, one dual-stack TCP socket, bind (never
 * listen), close; where that bind fails, 0.0.0.0 and an IPv6-only [::] one by one, as Portwarden
 * does to say which family is taken. Prints how many ports bound. Run as a whole process. */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int try_bind(int family, int port, int v6only) {
  int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  int ok;
  if (family == AF_INET6) {
    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof v6only);
    struct sockaddr_in6 a;
    memset(&a, 0, sizeof a);
    a.sin6_family = AF_INET6;
    a.sin6_port = htons(port);
    ok = bind(fd, (struct sockaddr *)&a, sizeof a) == 0;
  } else {
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    ok = bind(fd, (struct sockaddr *)&a, sizeof a) == 0;
  }
  close(fd);
  return ok;
}

int main(void) {
  int bindable = 0;
  for (int port = 1; port <= 65535; port++) {
    if (try_bind(AF_INET6, port, 0)) bindable++;
    else {
      try_bind(AF_INET, port, 0);
      try_bind(AF_INET6, port, 1);
    }
  }
  printf("%d\n", bindable);
  return 0;
}
