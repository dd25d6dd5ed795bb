// A minimal HTTP CONNECT proxy that proves a client really tunnels through HTTPS_PROXY. Clients
// bypass proxies for loopback names, so tests address the emulator by a made-up name (for example
// portal.test) and resolveHost maps that name back to the loopback address.
import http from 'node:http'
import net from 'node:net'
import type { Socket } from 'node:net'
import { listen, OpenSockets } from './listen.ts'

export interface ConnectProxy {
  url: string
  connects: string[]
  close(): Promise<void>
}

export async function startConnectProxy(
  options: { resolveHost?: (host: string) => string } = {}
): Promise<ConnectProxy> {
  const resolveHost = options.resolveHost ?? ((host: string) => host)
  const connects: string[] = []
  const sockets = new OpenSockets()

  // Only CONNECT is served: a plain request here means the client did not tunnel.
  const server = http.createServer((_request, response) => {
    response.writeHead(405, { 'Content-Type': 'text/plain' })
    response.end('This test proxy only tunnels with CONNECT.\n')
  })

  server.on('connect', (request: http.IncomingMessage, client: Socket, head: Buffer) => {
    const target = request.url ?? ''
    connects.push(target)
    const separator = target.lastIndexOf(':')
    const host = target.slice(0, separator).replace(/^\[(.*)\]$/, '$1')
    const port = Number(target.slice(separator + 1))
    if (separator <= 0 || !Number.isInteger(port)) {
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n')
      return
    }
    let tunnelled = false
    const upstream = net.connect(port, resolveHost(host), () => {
      tunnelled = true
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.track(upstream)
    upstream.on('error', () => {
      if (!tunnelled) client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
    })
    upstream.on('close', () => {
      if (tunnelled) client.destroy()
    })
    client.on('error', () => upstream.destroy())
    client.on('close', () => upstream.destroy())
  })
  server.on('connection', (socket) => sockets.track(socket))
  const port = await listen(server, 0, '127.0.0.1')

  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    close(): Promise<void> {
      return sockets.close(server)
    }
  }
}
