// An emulator of the ArcGIS Enterprise on Kubernetes admin API, shaped after the API brief
// (/work/shared/arcgis-admin-api.md), served over real sockets so that the built action, proxies
// and TLS are exercised as in production. Job and readiness state are computed from timestamps
// whenever they are asked for, so no timer outlives a request.
//
// Where the brief marks a behaviour unconfirmed, the emulator picks one and keeps to it:
// - errors come with HTTP 200 unless errorHttpStatus is 'code'; token errors (498, 499) are
//   portal-style, every other error admin-style;
// - only refresh needs the Administrator role: a publisher token may read;
// - without f=json every endpoint answers an HTML page, as ArcGIS's directory pages do;
// - jobsUrl names the host the client called (its Host header) unless jobsUrlOrigin is set;
// - service paths match case-sensitively;
// - a FAILED job's pods come back readyDelayMs after it ended unless the seed says neverReady;
// - a synchronous refresh of a failing deployment answers an admin-style error with code 500,
//   and one of a stuck deployment never answers.
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { ErrorAnswers, HTML_TYPE, json, type Answer } from './answers.ts'
import { Deployments } from './deployments.ts'
import { faultAnswer, Faults } from './faults.ts'
import { Jobs } from './jobs.ts'
import { Tokens, type IssuedToken } from './tokens.ts'
import { defaultDeployments, defaultUsers } from './scenarios.ts'
import type { Emulator, EmulatorOptions, FaultRule, RecordedRequest } from './types.ts'

export { defaultUsers, scenarios } from './scenarios.ts'
export type {
  DeploymentSeed,
  Emulator,
  EmulatorOptions,
  FaultRule,
  RecordedRequest
} from './types.ts'

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

function send(response: http.ServerResponse, answer: Answer): void {
  if (response.destroyed || response.writableEnded) return
  response.writeHead(answer.status, {
    'Content-Type': answer.contentType,
    'Content-Length': Buffer.byteLength(answer.body),
    ...answer.headers
  })
  response.end(answer.body)
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1'
  const context = options.context ?? 'arcgis'
  const version = options.version ?? '11.4'
  const protocol = options.tls ? 'https' : 'http'

  const errors = new ErrorAnswers(options.errorHttpStatus)
  const deployments = new Deployments(options.deployments ?? defaultDeployments, errors)
  const tokens = new Tokens({
    users: options.users ?? defaultUsers,
    lifetimeMs: options.tokenLifetimeMs,
    ssl: protocol === 'https',
    errors
  })
  const preIssuedToken = tokens.issueAdministratorToken()
  const faults = new Faults(options.faults)
  const jobs = new Jobs({ options, context, errors, sleep })
  const requests: RecordedRequest[] = []
  const timers = new Set<NodeJS.Timeout>()
  const sockets = new Set<Socket>()

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        resolve()
      }, ms)
      timers.add(timer)
    })
  }

  async function answerAdmin(
    request: RecordedRequest,
    token: IssuedToken,
    segments: string[],
    jobsOrigin: string
  ): Promise<Answer | undefined> {
    const [collection, ...rest] = segments
    if (segments.length === 0) {
      return json({
        fullVersion: version,
        currentVersion: version,
        resources: ['system', 'services', 'jobs', 'security', 'logs', 'healthCheck']
      })
    }
    if (collection === 'system' && rest[0] === 'deployments') {
      const [, deploymentId, operation, ...extra] = rest
      if (deploymentId === undefined) return deployments.list()
      if (extra.length > 0) return errors.notFound(request.path)
      const seed = deployments.get(deploymentId)
      if (!seed) return deployments.notFound(deploymentId)
      if (operation === undefined) return deployments.describe(seed)
      if (operation === 'status')
        return deployments.status(seed, jobs.readyReplicas(seed, Date.now()))
      if (operation === 'refresh') return jobs.refresh(request, seed, token, jobsOrigin)
      return errors.notFound(request.path)
    }
    if (collection === 'services' && (rest.length === 1 || rest.length === 2)) {
      return deployments.describeService(rest.join('/'))
    }
    if (collection === 'jobs' && rest.length === 1) {
      return jobs.describe(rest[0])
    }
    return errors.notFound(request.path)
  }

  async function answerApi(
    request: RecordedRequest,
    jobsOrigin: string
  ): Promise<Answer | undefined> {
    const contextPrefix = `/${context}/`
    if (!request.path.startsWith(contextPrefix)) return errors.notFound(request.path)
    const route = request.path.slice(contextPrefix.length).replace(/\/+$/, '')
    const isTokenRoute = route === 'sharing/rest/generateToken'
    if (!isTokenRoute && route !== 'admin' && !route.startsWith('admin/')) {
      return errors.notFound(request.path)
    }

    // Without f=json ArcGIS answers its HTML directory pages, which a client cannot parse.
    const format = request.form.f ?? request.query.f
    if (format !== 'json' && format !== 'pjson') {
      return {
        status: 200,
        contentType: HTML_TYPE,
        body: '<html><head><title>ArcGIS Enterprise</title></head><body>This resource answers JSON only with f=json.</body></html>'
      }
    }
    if (isTokenRoute) return tokens.generateToken(request)

    const authentication = tokens.authenticate(request)
    if (!authentication.ok) return authentication.answer
    const segments = route.split('/').slice(1).map(safeDecode)
    return answerAdmin(request, authentication.token, segments, jobsOrigin)
  }

  async function handle(
    incoming: http.IncomingMessage,
    response: http.ServerResponse
  ): Promise<void> {
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

    const fault = faults.take(request)
    if (fault?.delayMs) await sleep(fault.delayMs)
    if (fault?.destroy) {
      incoming.socket.destroy()
      return
    }
    const faulted = fault && faultAnswer(fault)
    if (faulted) {
      send(response, faulted)
      return
    }
    // A real server behind a web adaptor names itself by the public URL the client used.
    const jobsOrigin = incoming.headers.host ? `${protocol}://${incoming.headers.host}` : origin
    const answer = await answerApi(request, jobsOrigin)
    if (answer) send(response, answer)
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
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const origin = `${protocol}://${host.includes(':') ? `[${host}]` : host}:${port}`

  return {
    portalUrl: `${origin}/${context}`,
    origin,
    token: preIssuedToken,
    deploymentIds: deployments.ids,
    requests,
    addFault(rule: FaultRule): void {
      faults.add(rule)
    },
    expireTokens(): void {
      tokens.expireAll()
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer)
        timers.clear()
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
    }
  }
}
