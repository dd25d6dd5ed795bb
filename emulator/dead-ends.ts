// Portals a runner cannot reach, for the first contact's tests: a port where nothing listens (the connection is
// refused, as by a host whose firewall rejects it), and a server that accepts connections and never answers (as a
// firewall that drops the packets, or a proxy that hangs).
import { createServer } from 'node:net'
import { listen, OpenSockets, originOf } from './listen.ts'

export interface RefusingPortal {
  portalUrl: string
  close(): Promise<void>
}

/**
 * A portal URL whose connections are refused: port P of 127.0.0.2, where nothing listens, while this server holds P
 * on 127.0.0.1. It never sees those connections, but no other server (another test file's emulator, a wildcard bind)
 * can take P and answer while the URL is in use, as one could when a port number was only freed.
 */
export async function startRefusingPortal(): Promise<RefusingPortal> {
  const sockets = new OpenSockets()
  const holder = createServer((socket) => {
    sockets.track(socket)
    socket.destroy()
  })
  const port = await listen(holder, 0, '127.0.0.1')
  return {
    portalUrl: `${originOf('http', '127.0.0.2', port)}/arcgis`,
    close: () => sockets.close(holder)
  }
}

export interface SilentServer {
  portalUrl: string
  /** How many connections it accepted (and never answered). */
  connections: number
  close(): Promise<void>
}

/** A server on `host` that accepts every connection, reads what is sent, and never writes a byte. */
export async function startSilentServer(host = '127.0.0.1'): Promise<SilentServer> {
  const sockets = new OpenSockets()
  const silent = {
    portalUrl: '',
    connections: 0,
    close: () => sockets.close(server)
  }
  const server = createServer((socket) => {
    silent.connections += 1
    sockets.track(socket)
    socket.resume()
  })
  const port = await listen(server, 0, host)
  silent.portalUrl = `${originOf('http', host, port)}/arcgis`
  return silent
}
