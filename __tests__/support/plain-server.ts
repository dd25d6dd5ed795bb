// A tiny HTTP server on its own port (so on another origin than the emulator's), standing for a web app or a health
// endpoint that verify-url names: it answers from a script and records what it was sent, to prove that no credential
// travels to it.
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface PlainRequest {
  method: string
  /** Path and query, as sent. */
  url: string
  headers: http.IncomingHttpHeaders
}

export interface PlainAnswer {
  status: number
  body?: string
  headers?: Record<string, string>
}

export interface PlainServer {
  origin: string
  requests: PlainRequest[]
  close(): Promise<void>
}

/** Answers each request with the next of `answers` (the last one repeats). */
export async function startPlainServer(answers: PlainAnswer[]): Promise<PlainServer> {
  const requests: PlainRequest[] = []
  const sockets = new Set<Socket>()
  const server = http.createServer((request, response) => {
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers
    })
    const answer = answers[Math.min(requests.length - 1, answers.length - 1)]
    response.writeHead(answer.status, { 'Content-Type': 'text/plain', ...answer.headers })
    response.end(answer.body ?? '')
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
  }
}

export async function withPlainServer<T>(
  answers: PlainAnswer[],
  test: (server: PlainServer) => Promise<T>
): Promise<T> {
  const server = await startPlainServer(answers)
  try {
    return await test(server)
  } finally {
    await server.close()
  }
}
