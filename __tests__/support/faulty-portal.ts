// The emulator's admin API (emulator/api.ts), answered in-process through nock with a script of faults: no socket, and
// every wait of the server (a delayed answer, a synchronous refresh) is a timer, so a fake clock drives it. Each
// exchange is recorded with what the server did with it, which is what the engine's properties are checked against.
import nock from 'nock'
import { createApi } from '../../emulator/api.ts'
import { HTML_TYPE, json, type Answer } from '../../emulator/answers.ts'
import { answerApi } from '../../emulator/routes.ts'
import { ingressPage } from '../../emulator/scenarios.ts'
import type { EmulatorOptions, RecordedRequest } from '../../emulator/types.ts'
import { EXCHANGE_HEADER, type Transit } from './fake-clock.ts'

export const ORIGIN = 'https://gis.example.com'
export const PORTAL = `${ORIGIN}/arcgis`

/** What happens to one request instead of (or besides) the admin API's answer. */
export type Fault =
  | { kind: 'none' }
  /** The API answers, this much later. */
  | { kind: 'delay'; ms: number }
  /** The ingress throttles: 429 with Retry-After, before the API sees the request. */
  | { kind: 'throttle'; retryAfterSeconds: number }
  /** The ingress has no upstream: 503, before the API sees the request. */
  | { kind: 'unavailable' }
  /** The ingress's 502 or 504 page; `afterApi`: the API took the request first. */
  | { kind: 'gateway'; status: 502 | 504; afterApi: boolean }
  /** The connection is refused: nothing was sent. */
  | { kind: 'refused' }
  /** The connection is reset once the request was sent; `afterApi`: the API took it first. */
  | { kind: 'reset'; afterApi: boolean }
  /** An HTML page with HTTP 200 instead of JSON (an ingress hiccup); `afterApi`: the API took it first. */
  | { kind: 'page'; afterApi: boolean }
  /** Every token issued so far lapses just before this request (the API then answers 498). */
  | { kind: 'expire-tokens' }
  /** An ArcGIS error whose message echoes the credentials the request carried. */
  | { kind: 'echo' }

/** One request and what the server did with it. */
export interface Exchange {
  /** Arrival order, from 0. */
  seq: number
  method: string
  /** Below the web adaptor's context: `admin/jobs/j…`, `sharing/rest/generateToken`. */
  route: string
  /** Fake clock, ms, at arrival. */
  at: number
  fault: Fault
  /** The admin API took it, with valid credentials, and did what it asked (a refresh started a restart). */
  acted: boolean
  /** What went back, if anything did; `answeredAt` when it left. */
  answer?: { status: number; body: string }
  answeredAt?: number
}

/** The scripts of faults, taken in order: refreshes from `refresh`, every other request from `other`. */
export interface FaultScript {
  refresh: Fault[]
  other: Fault[]
  /** From this long after its refresh, for `forMs`, a job's record answers "Job not found" (a store restarting). */
  recordGap?: { afterMs: number; forMs: number }
}

export interface FaultyPortal {
  /** The administrator token the emulator issued up front. */
  token: string
  exchanges: Exchange[]
  /** Every token generateToken handed out. */
  generatedTokens: string[]
}

const REFRESH = /^admin\/system\/deployments\/[^/]+\/refresh$/
const JOB = /^admin\/jobs\/[^/]+$/

/**
 * Installs the interceptors for ORIGIN (persisting until nock.cleanAll()). The server waits (a delayed answer, a
 * synchronous refresh, an answer that never comes) on setTimeout, the fake clock's, and tells `transit` so.
 */
export function faultyPortal(
  options: EmulatorOptions,
  script: FaultScript,
  transit: Transit
): FaultyPortal {
  const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
  // A synchronous refresh waits inside the API, which does not know the exchange: `exchangeInApi` does.
  let exchangeInApi: string | undefined
  const { api, preIssuedToken } = createApi(options, true, (ms) =>
    transit.park(exchangeInApi, timer(ms))
  )
  const portal: FaultyPortal = { token: preIssuedToken, exchanges: [], generatedTokens: [] }
  const scripts = { refresh: [...script.refresh], other: [...script.other] }

  const answer = async (request: Request): Promise<[number, string, Record<string, string>]> => {
    const id = request.headers.get(EXCHANGE_HEADER) ?? undefined
    const sleep = (ms: number) => transit.park(id, timer(ms))
    const recorded = await recordedRequest(request)
    const route = recorded.path.replace(/^\/arcgis\//, '')
    const fault = (REFRESH.test(route) ? scripts.refresh : scripts.other).shift() ?? {
      kind: 'none'
    }
    const exchange: Exchange = {
      seq: portal.exchanges.length,
      method: recorded.method,
      route,
      at: Date.now(),
      fault,
      acted: false
    }
    portal.exchanges.push(exchange)
    const viaApi = async (): Promise<Answer | undefined> => {
      exchange.acted = route.startsWith('admin/') && api.tokens.authenticate(recorded).ok
      exchangeInApi = id
      const answering = answerApi(api, recorded, ORIGIN)
      exchangeInApi = undefined
      const answered = await answering
      return answered && withRecordGap(answered, route, script.recordGap)
    }
    const sent = await faulted(fault, recorded, {
      viaApi,
      sleep,
      expireTokens: () => api.tokens.expireAll()
    })
    if (sent === undefined) return transit.park(id, new Promise<never>(() => undefined))
    if (sent instanceof Error) throw sent
    exchange.answer = { status: sent.status, body: sent.body }
    exchange.answeredAt = Date.now()
    const token = route === 'sharing/rest/generateToken' && /"token":"([^"]+)"/.exec(sent.body)
    if (token) portal.generatedTokens.push(token[1])
    return [sent.status, sent.body, { 'Content-Type': sent.contentType, ...sent.headers }]
  }
  nock(ORIGIN).persist().get(/.*/).reply(answer).post(/.*/).reply(answer)
  return portal
}

/** What goes back for `fault`: an answer, a network error, or undefined for none at all (the client gives up). */
async function faulted(
  fault: Fault,
  request: RecordedRequest,
  server: {
    viaApi: () => Promise<Answer | undefined>
    sleep: (ms: number) => Promise<void>
    expireTokens: () => void
  }
): Promise<Answer | Error | undefined> {
  const { viaApi } = server
  switch (fault.kind) {
    case 'none':
      return viaApi()
    case 'delay': {
      const answered = await viaApi()
      await server.sleep(fault.ms)
      return answered
    }
    case 'throttle':
      return {
        ...page(429, 'Too Many Requests'),
        headers: { 'Retry-After': String(fault.retryAfterSeconds) }
      }
    case 'unavailable':
      return page(503, 'Service Temporarily Unavailable')
    case 'gateway':
      if (fault.afterApi) await viaApi()
      return page(fault.status, fault.status === 502 ? 'Bad Gateway' : 'Gateway Timeout')
    case 'refused':
      return netError('ECONNREFUSED', 'connect ECONNREFUSED 203.0.113.10:443')
    case 'reset':
      if (fault.afterApi) await viaApi()
      return netError('ECONNRESET', 'socket hang up')
    case 'page':
      if (fault.afterApi) await viaApi()
      return page(200, 'OK')
    case 'expire-tokens':
      server.expireTokens()
      return viaApi()
    case 'echo': {
      const credentials = request.form.token ?? bearer(request.headers) ?? request.form.password
      return json({
        error: {
          code: 500,
          message: `Unexpected error for the request with credentials ${credentials}`,
          details: [`credentials=${credentials}`]
        }
      })
    }
  }
}

/** A job record inside its gap answers as a lost one does (emulator/jobs.ts). */
function withRecordGap(answer: Answer, route: string, gap: FaultScript['recordGap']): Answer {
  if (!gap || !JOB.test(route)) return answer
  const started = Number(/"starttime":(\d+)/.exec(answer.body)?.[1])
  if (!Number.isFinite(started)) return answer
  const from = started + gap.afterMs
  const now = Date.now()
  if (now < from || now >= from + gap.forMs) return answer
  return json({ error: { code: 404, message: 'Job not found' } })
}

function page(status: number, reason: string): Answer {
  return { status, contentType: HTML_TYPE, body: ingressPage(status, reason) }
}

function netError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code })
}

function bearer(headers: RecordedRequest['headers']): string | undefined {
  const value = headers['x-esri-authorization']
  return typeof value === 'string' ? value.replace(/^Bearer\s+/i, '') : undefined
}

async function recordedRequest(request: Request): Promise<RecordedRequest> {
  const url = new URL(request.url)
  const body = await request.text()
  const form = request.headers.get('content-type')?.includes('application/x-www-form-urlencoded')
    ? Object.fromEntries(new URLSearchParams(body))
    : {}
  return {
    method: request.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: Object.fromEntries(request.headers.entries()),
    body,
    form,
    at: Date.now()
  }
}
