// Portals a runner cannot reach, for the first contact's tests: a port where nothing listens (the connection is
// refused, as by a host whose firewall rejects it), and a server that accepts connections and never answers (as a
// firewall that drops the packets, or a proxy that hangs).
import { createServer } from 'node:net'
import { listen, OpenSockets, originOf } from './listen.ts'

/** The portal URL of a port on `host` that refuses connections: it was free a moment ago and nothing listens on it. */
export async function refusingPortalUrl(host = '127.0.0.1'): Promise<string> {
  const server = createServer()
  const port = await listen(server, 0, host)
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `${originOf('http', host, port)}/arcgis`
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
