// Runs in a separate process: tries to bind each port and prints what happened, as JSON.
// usage: node bind-probe-child.mjs <tcp|udp> <host> <port,port,...>
import dgram from 'node:dgram'
import net from 'node:net'

const [protocol, host, list] = process.argv.slice(2)
const ports = list.split(',').map(Number)
const v6 = host.includes(':')

function tryTcp(port) {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', (err) => resolve(err.code ?? String(err)))
    server.listen({ port, host, ipv6Only: v6, exclusive: true }, () =>
      server.close(() => resolve('ok')),
    )
  })
}

function tryUdp(port) {
  return new Promise((resolve) => {
    const socket = dgram.createSocket({ type: v6 ? 'udp6' : 'udp4', ipv6Only: v6 })
    socket.once('error', (err) => {
      socket.close()
      resolve(err.code ?? String(err))
    })
    socket.bind({ port, address: host, exclusive: true }, () => socket.close(() => resolve('ok')))
  })
}

const results = {}
for (const port of ports) results[port] = await (protocol === 'tcp' ? tryTcp(port) : tryUdp(port))
process.stdout.write(JSON.stringify(results))
