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
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { ErrorAnswers, HTML_TYPE, json, type Answer } from './answers.ts'
import { faultAnswer, Faults } from './faults.ts'
import { Tokens, type IssuedToken } from './tokens.ts'
import { defaultDeployments, defaultUsers } from './scenarios.ts'
import type {
  DeploymentSeed,
  Emulator,
  EmulatorOptions,
  FaultRule,
  JobOutcome,
  RecordedRequest
} from './types.ts'

export { defaultUsers, scenarios } from './scenarios.ts'
export type {
  DeploymentSeed,
  Emulator,
  EmulatorOptions,
  FaultRule,
  RecordedRequest
} from './types.ts'

interface Restart {
  deploymentId: string
  startedAt: number
  outcome: JobOutcome
  username: string
}

interface Job extends Restart {
  jobId: string
}

interface ServiceRecord {
  serviceName: string
  type: string
  folderName: string
  deploymentId: string
}

const DEFAULT_FAILURE_MESSAGES = ['Pods failed to become ready: CrashLoopBackOff']

function parseServiceName(service: string, deploymentId: string): ServiceRecord & { key: string } {
  const slash = service.lastIndexOf('/')
  const folderName = slash === -1 ? '/' : service.slice(0, slash)
  const nameAndType = service.slice(slash + 1)
  const dot = nameAndType.lastIndexOf('.')
  if (dot <= 0 || dot === nameAndType.length - 1 || folderName === '') {
    throw new Error(`Service '${service}' is not Folder/Name.Type or Name.Type`)
  }
  return {
    key: service,
    serviceName: nameAndType.slice(0, dot),
    type: nameAndType.slice(dot + 1),
    folderName,
    deploymentId
  }
}

function newJobId(): string {
  return `j${randomBytes(10).toString('hex')}`
}

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
  const submittedMs = options.submittedMs ?? 300
  const executingMs = options.executingMs ?? 1500
  const readyDelayMs = options.readyDelayMs ?? 500
  const protocol = options.tls ? 'https' : 'http'

  const deployments = new Map<string, DeploymentSeed>()
  for (const seed of options.deployments ?? defaultDeployments) {
    if (deployments.has(seed.deploymentId)) {
      throw new Error(`Duplicate deploymentId '${seed.deploymentId}'`)
    }
    deployments.set(seed.deploymentId, seed)
  }
  const services = new Map<string, ServiceRecord>()
  for (const seed of deployments.values()) {
    for (const service of seed.services ?? []) {
      const { key, ...record } = parseServiceName(service, seed.deploymentId)
      services.set(key, record)
    }
  }

  const errors = new ErrorAnswers(options.errorHttpStatus)
  const tokens = new Tokens({
    users: options.users ?? defaultUsers,
    lifetimeMs: options.tokenLifetimeMs,
    ssl: protocol === 'https',
    errors
  })
  const preIssuedToken = tokens.issueAdministratorToken()
  const faults = new Faults(options.faults)
  const jobs = new Map<string, Job>()
  const latestRestarts = new Map<string, Restart>()
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

  function jobTimes(restart: Restart): { executingAt: number; endsAt: number } {
    const executingAt = restart.startedAt + submittedMs
    const endsAt = restart.outcome === 'stuck' ? Infinity : executingAt + executingMs
    return { executingAt, endsAt }
  }

  function readyReplicas(seed: DeploymentSeed, now: number): number {
    const replicas = seed.replicas ?? 1
    const restart = latestRestarts.get(seed.deploymentId)
    if (!restart) return replicas
    if (seed.neverReady || now < jobTimes(restart).endsAt + readyDelayMs) return 0
    return replicas
  }

  function deploymentNotFound(id: string): Answer {
    return errors.admin(404, [`Deployment '${id}' does not exist.`])
  }

  function listDeployments(): Answer {
    return json({
      deployments: [...deployments.values()].map((seed) => ({
        deploymentId: seed.deploymentId,
        name: seed.name,
        type: seed.type ?? 'MapServer',
        mode: seed.mode ?? 'Dedicated',
        provider: 'ArcGIS'
      }))
    })
  }

  function describeDeployment(seed: DeploymentSeed): Answer {
    return json({
      deploymentId: seed.deploymentId,
      name: seed.name,
      type: seed.type ?? 'MapServer',
      mode: seed.mode ?? 'Dedicated',
      provider: 'ArcGIS',
      configuredState: 'STARTED',
      spec: { replicas: seed.replicas ?? 1 }
    })
  }

  function deploymentStatus(seed: DeploymentSeed): Answer {
    return json({
      name: seed.name,
      id: seed.deploymentId,
      currentState: 'STARTED',
      readyReplicas: readyReplicas(seed, Date.now()),
      totalReplicas: seed.replicas ?? 1,
      kubernetesResourceKind: 'Deployment',
      kubernetesResourceName: `arcgis-${seed.name}`
    })
  }

  async function refresh(
    request: RecordedRequest,
    seed: DeploymentSeed,
    token: IssuedToken,
    jobsOrigin: string
  ): Promise<Answer | undefined> {
    if (request.method !== 'POST') {
      return errors.admin(405, [
        `The operation 'refresh' is only supported with POST, not ${request.method}.`
      ])
    }
    if (token.role !== 'administrator') {
      return errors.admin(403, [
        'User does not have the permissions to perform this operation. Requires the default Administrator role.'
      ])
    }
    const restart: Restart = {
      deploymentId: seed.deploymentId,
      startedAt: Date.now(),
      outcome: seed.job ?? 'complete',
      username: token.username
    }
    latestRestarts.set(seed.deploymentId, restart)
    const isAsync = (request.form.async ?? request.query.async)?.toLowerCase() === 'true'

    if (options.syncRefresh || !isAsync) {
      // A synchronous restart that never ends keeps the request open until the client gives up.
      if (restart.outcome === 'stuck') return undefined
      await sleep(submittedMs + executingMs)
      if (restart.outcome === 'complete') return json({ status: 'success' })
      return errors.admin(500, seed.failureMessages ?? DEFAULT_FAILURE_MESSAGES)
    }

    const jobId = newJobId()
    jobs.set(jobId, { ...restart, jobId })
    const jobsUrl = `${options.jobsUrlOrigin ?? jobsOrigin}/${context}/admin/jobs/${jobId}`
    return json(
      options.lowerCaseJobKeys
        ? { jobsUrl, jobid: jobId, status: 'SUBMITTED' }
        : { jobsUrl, jobID: jobId, jobStatus: 'SUBMITTED' }
    )
  }

  function describeJob(job: Job): Answer {
    const now = Date.now()
    const { executingAt, endsAt } = jobTimes(job)
    const common = {
      jobid: job.jobId,
      operationURI: `system/deployments/${job.deploymentId}/refresh`,
      username: job.username,
      starttime: job.startedAt
    }
    if (now < executingAt) {
      return json({ ...common, status: 'SUBMITTED', endtime: 0, updatedtime: job.startedAt })
    }
    if (now < endsAt) {
      return json({ ...common, status: 'EXECUTING', endtime: 0, updatedtime: executingAt })
    }
    const finished = { ...common, endtime: endsAt, updatedtime: endsAt }
    const messages = deployments.get(job.deploymentId)?.failureMessages ?? DEFAULT_FAILURE_MESSAGES
    switch (job.outcome) {
      case 'fail':
        return json({ ...finished, status: 'FAILED', messages })
      case 'complete-with-error':
        return json({ ...finished, status: 'COMPLETED', result: { status: 'error', messages } })
      default:
        return json({
          ...finished,
          status: 'COMPLETED',
          result: { service: { deploymentId: job.deploymentId } }
        })
    }
  }

  function describeService(path: string[]): Answer {
    const record = services.get(path.join('/'))
    if (!record) {
      return errors.admin(404, [`Service '${path.join('/')}' does not exist.`])
    }
    return json({ ...record, description: '' })
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
      if (deploymentId === undefined) return listDeployments()
      if (extra.length > 0) return errors.notFound(request.path)
      const seed = deployments.get(deploymentId)
      if (!seed) return deploymentNotFound(deploymentId)
      if (operation === undefined) return describeDeployment(seed)
      if (operation === 'status') return deploymentStatus(seed)
      if (operation === 'refresh') return refresh(request, seed, token, jobsOrigin)
      return errors.notFound(request.path)
    }
    if (collection === 'services' && (rest.length === 1 || rest.length === 2)) {
      return describeService(rest)
    }
    if (collection === 'jobs' && rest.length === 1) {
      const job = jobs.get(rest[0])
      return job ? describeJob(job) : errors.admin(404, [`Job '${rest[0]}' does not exist.`])
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
    deploymentIds: [...deployments.keys()],
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
