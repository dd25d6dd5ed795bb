// Listening and closing for the emulator and the test proxy. Both destroy their open sockets when
// they close, so that a test ends without waiting for idle keep-alive connections.
import type { AddressInfo, Server, Socket } from 'node:net'

/** `http://127.0.0.1:8443`, `https://[::1]:8443`: an IPv6 host goes in brackets. */
export function originOf(protocol: 'http' | 'https', host: string, port: number): string {
  return `${protocol}://${host.includes(':') ? `[${host}]` : host}:${port}`
}

/** Listens on host:port (port 0: any free port) and resolves with the port. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

/** The sockets still open, destroyed by close(). */
export class OpenSockets {
  readonly #open = new Set<Socket>()

  track(socket: Socket): void {
    this.#open.add(socket)
    socket.on('close', () => this.#open.delete(socket))
  }

  /** Stops the server and destroys every open socket; resolves once the server has closed. */
  close(server: Server): Promise<void> {
    return new Promise((resolve) => {
      server.close(() => resolve())
      for (const socket of this.#open) socket.destroy()
    })
  }
}
