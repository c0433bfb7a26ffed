# A TCP listener whose process name (comm, at most 15 bytes) is hostile: a newline that would
# forge an extra line, and an escape sequence that would retitle a terminal. Prints its port.
import socket, sys
name = sys.argv[1].encode().decode('unicode_escape').encode('latin-1')[:15]
with open('/proc/self/comm', 'wb') as f:
    f.write(name)
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen()
print(s.getsockname()[1], flush=True)
sys.stdin.read()
