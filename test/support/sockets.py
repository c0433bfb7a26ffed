# Real sockets for the verdict tests, made by a program independent of Portwarden (Python's
# socket module, not koffi): holders to judge, and the real binds each verdict is checked against.
#
#   python3 sockets.py hold '<spec>'   makes the sockets, prints {"pid","port","made":[...]} and
#                                      keeps them until stdin closes
#   python3 sockets.py try '<binds>'   for each bind set: makes every socket of the set together
#                                      (e.g. 0.0.0.0 and an IPv6-only [::]), prints "ok" or the
#                                      first error's name, closes them
#   python3 sockets.py serve           the same for each line of stdin, one answer line each
#
# A socket spec: {"protocol": "tcp"|"udp", "address": "0.0.0.0"|"::"|"127.0.0.2"|…,
#   "v6only": bool, "reuseaddr": bool, "reuseport": bool, "listen": bool, "connections": n,
#   "timeWait": bool}. Every socket goes on the same port: spec["port"], or (0) the one the
#   kernel gives the first socket. "timeWait" leaves a TIME_WAIT socket on the port: a listener
#   accepts a connection and closes it first (the side that closes first waits), then the
#   listener closes.
import errno, json, random, socket, sys, time

def family(address):
    return socket.AF_INET6 if ':' in address else socket.AF_INET

def make(s, port):
    kind = socket.SOCK_STREAM if s['protocol'] == 'tcp' else socket.SOCK_DGRAM
    fam = family(s['address'])
    sock = socket.socket(fam, kind)
    try:
        if s.get('reuseaddr'):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if s.get('reuseport'):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        if fam == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1 if s.get('v6only') else 0)
        sock.bind((s['address'], port))
    except OSError as e:
        sock.close()
        return None, errno.errorcode.get(e.errno, str(e.errno))
    return sock, 'ok'

def connect_to(s, port, keep):
    # A client from the loopback of the listener's family: the accepted end has local port `port`.
    address = s['address']
    target = ('::1' if ':' in address else '127.0.0.1') if address in ('0.0.0.0', '::') else address
    c = socket.socket(family(target), socket.SOCK_STREAM)
    c.connect((target, port))
    keep.append(c)
    return c

def pick_port(s):
    # Not bind(0): the kernel's pick skips ip_local_reserved_ports, and a host whose whole range
    # is reserved would have none. A random explicit port (outside the dynamic range) instead.
    for _ in range(200):
        port = random.randint(10000, 32000)
        sock, result = make(s, port)
        if sock is not None:
            return sock, port
    raise SystemExit('no free port found')

def hold(spec):
    port = spec.get('port', 0)
    keep, made = [], []
    for s in spec['sockets']:
        if port == 0:
            sock, port = pick_port(s)
            result = 'ok'
        else:
            sock, result = make(s, port)
        made.append(result)
        if sock is None:
            continue
        keep.append(sock)
        if s['protocol'] == 'tcp' and (s.get('listen') or s.get('connections') or s.get('timeWait')):
            sock.listen(256)
        for _ in range(s.get('connections', 0)):
            connect_to(s, port, keep)
            keep.append(sock.accept()[0])
        if s.get('timeWait'):
            client = connect_to(s, port, keep)
            served, _ = sock.accept()
            served.close()  # the server closes first: its end (local port `port`) will TIME_WAIT
            time.sleep(0.05)
            client.close()
            keep.remove(client)
            keep.remove(sock)
            sock.close()
    print(json.dumps({'pid': __import__('os').getpid(), 'port': port, 'made': made}), flush=True)
    sys.stdin.read()  # until the test closes our stdin

def try_binds(sets):
    out = []
    for binds in sets:
        held, result = [], 'ok'
        for b in binds:
            sock, r = make(b, b['port'])
            if sock is None:
                result = r
                break
            held.append(sock)
        for sock in held:
            sock.close()
        out.append(result)
    print(json.dumps(out), flush=True)

def serve():
    # One request per line (a list of bind sets), one answer per line: no process per bind.
    for line in sys.stdin:
        try_binds(json.loads(line))

if __name__ == '__main__':
    mode = sys.argv[1]
    if mode == 'serve':
        serve()
    else:
        arg = json.loads(sys.argv[2])
        hold(arg) if mode == 'hold' else try_binds(arg)
