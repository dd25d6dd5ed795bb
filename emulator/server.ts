// An emulator of the ArcGIS Enterprise on Kubernetes admin API, shaped after the API brief
// (/work/shared/arcgis-admin-api.md), served over real sockets so that the built action, proxies
// and TLS are exercised as in production. Job and readiness state are computed from timestamps
// whenever they are asked for, so no timer outlives a request.
//
// Where the brief marks a behaviour unconfirmed, the emulator picks one and keeps to it (the module
// that does it in brackets):
// - errors come with HTTP 200 unless errorHttpStatus is 'code'; token errors (498, 499) are
//   portal-style, every other error admin-style (answers.ts, tokens.ts);
// - only refresh needs the Administrator role: a publisher token may read (jobs.ts);
// - without f=json every endpoint answers an HTML page, as ArcGIS's directory pages do (routes.ts);
// - jobsUrl names the host the client called (its Host header) unless jobsUrlOrigin is set
//   (this file, jobs.ts);
// - service paths match case-sensitively (deployments.ts);
// - a FAILED job's pods come back readyDelayMs after it ended unless the seed says neverReady
//   (jobs.ts);
// - a synchronous refresh of a failing deployment answers an admin-style error with code 500,
//   and one of a stuck deployment never answers (jobs.ts);
// - a FAILED job tells why in result.messages unless the seed's failureShape says otherwise, and a
//   lost job record answers {"error":{"code":404,"message":"Job not found"}} (jobs.ts);
// - GET admin/jobs lists job ids under `jobs`, as ArcGIS Server's system/jobs does (jobs.ts);
// - a stopped deployment's status answers currentState STOPPED with no replica ready, and its refresh
//   answers an admin-style error 400 that says it is stopped, starting no job (jobs.ts).
//
// The modules: types.ts (the public types), scenarios.ts (defaults and named scenarios),
// faults.ts (fault rules), tokens.ts, deployments.ts, jobs.ts, services.ts (the API's state and handlers),
// api.ts (which puts them together), routes.ts (which handler answers a request), answers.ts (answer and error
// bodies), listen.ts (listening and closing), dead-ends.ts (portals that cannot be reached: a refusing port, a silent
// server), and this file: the listener, which records every request, applies faults and sends the
// answers.
import http from 'node:http'
import https from 'node:https'
import { createApi } from './api.ts'
import { json, signInPage, type Answer } from './answers.ts'
import { faultAnswer, Faults } from './faults.ts'
import { listen, OpenSockets, originOf } from './listen.ts'
import { answerApi } from './routes.ts'
import type { Emulator, EmulatorOptions, FaultRule, RecordedRequest } from './types.ts'

export { defaultUsers, scenarios } from './scenarios.ts'
export type { DeploymentSeed, Emulator, EmulatorOptions, RecordedRequest } from './types.ts'

/** The waits of synchronous refreshes and delaying faults, which close() cancels. */
class Timers {
  readonly #pending = new Set<NodeJS.Timeout>()

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(timer)
        resolve()
      }, ms)
      this.#pending.add(timer)
    })
  }

  clear(): void {
    for (const timer of this.#pending) clearTimeout(timer)
    this.#pending.clear()
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1'
  const protocol = options.tls ? 'https' : 'http'
  const timers = new Timers()
  const { api, preIssuedToken } = createApi(options, protocol === 'https', (ms) => timers.sleep(ms))
  const faults = new Faults(options.faults)
  const requests: RecordedRequest[] = []
  const sockets = new OpenSockets()

  async function handle(
    incoming: http.IncomingMessage,
    response: http.ServerResponse
  ): Promise<void> {
    const request = await record(incoming, requests)
    const fault = faults.take(request)
    if (fault?.delayMs) await timers.sleep(fault.delayMs)
    if (fault?.destroy) {
      incoming.socket.destroy()
      return
    }
    const faulted = fault && faultAnswer(fault)
    // An afterApi rule lets the API act first and answers instead of it.
    if (faulted && !fault.afterApi) {
      send(response, faulted, request)
      return
    }
    // A real server behind a web adaptor names itself by the public URL the client used.
    const clientOrigin = incoming.headers.host ? `${protocol}://${incoming.headers.host}` : origin
    const answer = options.signInGateway
      ? signInPage()
      : await answerApi(api, request, clientOrigin)
    const sent = faulted ?? answer
    if (sent) send(response, sent, request)
  }

  const listener = (incoming: http.IncomingMessage, response: http.ServerResponse): void => {
    handle(incoming, response).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error)
      send(
        response,
        json({ status: 'error', messages: [`Emulator failure: ${message}`], code: 500 }, 500)
      )
    })
  }
  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener)
    : http.createServer(listener)
  server.on('connection', (socket) => sockets.track(socket))
  const port = await listen(server, options.port ?? 0, host)
  const origin = originOf(protocol, host, port)

  return {
    portalUrl: `${origin}/${api.context}`,
    origin,
    token: preIssuedToken,
    refererToken: api.tokens.issueAdministratorToken(origin),
    foreignRefererToken: api.tokens.issueAdministratorToken('referer'),
    deploymentIds: api.deployments.ids,
    requests,
    addFault(rule: FaultRule): void {
      faults.add(rule)
    },
    expireTokens(): void {
      api.tokens.expireAll()
    },
    close(): Promise<void> {
      timers.clear()
      return sockets.close(server)
    }
  }
}

/** Records the request in arrival order, then reads its body and, if form-encoded, its form. */
async function record(
  incoming: http.IncomingMessage,
  requests: RecordedRequest[]
): Promise<RecordedRequest> {
  const url = new URL(incoming.url ?? '/', 'http://emulator.invalid')
  const request: RecordedRequest = {
    method: incoming.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { ...incoming.headers },
    body: '',
    form: {},
    at: Date.now()
  }
  requests.push(request)
  request.body = await readBody(incoming)
  if (incoming.headers['content-type']?.includes('application/x-www-form-urlencoded')) {
    request.form = Object.fromEntries(new URLSearchParams(request.body))
  }
  return request
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function send(response: http.ServerResponse, answer: Answer, request?: RecordedRequest): void {
  if (response.destroyed || response.writableEnded) return
  if (request) request.answeredAt = Date.now()
  response.writeHead(answer.status, {
    'Content-Type': answer.contentType,
    'Content-Length': Buffer.byteLength(answer.body),
    ...answer.headers
  })
  response.end(answer.body)
}
