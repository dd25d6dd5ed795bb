// Invariants of the engine under random faults. fast-check generates a server's behaviour (the emulator's admin API
// with its job, readiness and token clocks, plus a fault for each request: a delay, 429 with Retry-After, 502/503/504,
// a refused or reset connection, a page instead of JSON, tokens that lapse, an error that echoes the credentials, a
// job record that goes missing for a while), runs restartDeployments against it in-process (nock, jest's fake clock:
// no real waiting) and checks what must hold whatever happened.
//
// A failure prints the shrunk scenario, the run's trace and fast-check's seed and path. Replay it with
// FC_SEED=<seed> FC_PATH=<path> npm test -- engine-properties; FC_SEED=random tries new cases, FC_RUNS=<n> more of them.
import { afterAll, beforeAll, describe, it, jest } from '@jest/globals'
import fc from 'fast-check'
import nock from 'nock'
import { defaultDeployments, defaultUsers } from '../emulator/scenarios.ts'
import type { DeploymentSeed, EmulatorOptions, JobOutcome, ServiceSeed } from '../emulator/types.ts'
import type { InputName } from '../src/inputs.js'
import type { RestartInputs } from '../src/restart/restart-inputs.js'
import type { RunEnd } from '../src/restart/engine.js'
import type { Outcome, RestartOutcome } from '../src/restart/results.js'
import type { RunReportView } from '../src/restart/run-report.js'
import {
  delayOnGlobalTimers,
  drive,
  Transit,
  type Driven,
  useFakeClock
} from './support/fake-clock.ts'
import {
  faultyPortal,
  PORTAL,
  type Exchange,
  type Fault,
  type FaultScript
} from './support/faulty-portal.ts'
import { recordingLogger, type LogLine } from './support/recording-logger.ts'

// The engine's waits (src/common/cancellation.ts) go through node:timers/promises, which jest's fake clock leaves
// alone: they get the global timers instead. src/ is imported after this, so that every module sees it.
jest.unstable_mockModule('node:timers/promises', () => ({ setTimeout: delayOnGlobalTimers }))
const { restartDeployments } = await import('../src/restart/engine.js')
const { parseInputs } = await import('../src/inputs.js')
const { publicReport, RunReport } = await import('../src/restart/run-report.js')
const { Secrets } = await import('../src/common/secrets.js')

const RUNS = Number(process.env.FC_RUNS ?? 80)
/** One seed for every property, so that each reuses the runs of the one before (FC_SEED=random: a new one). */
const SEED =
  process.env.FC_SEED === 'random'
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env.FC_SEED ?? 20201)
const settings = {
  numRuns: RUNS,
  seed: SEED,
  includeErrorInReport: true,
  ...(process.env.FC_PATH && { path: process.env.FC_PATH })
}
/** How far past its deadline a run may end: every wait and request is bounded by the deadline itself. */
const END_BOUND_MS = 1_000
/** The fake clock's start: a fixed date, so that the server's times and the trace read the same on every replay. */
const EPOCH = Date.parse('2026-03-02T08:00:00Z')

const OUTCOMES: Outcome[] = ['success', 'failure', 'timeout', 'submitted', 'dry-run', 'cancelled']
const RESTART_OUTCOMES: RestartOutcome[] = [
  'success',
  'failure',
  'timeout',
  'submitted',
  'skipped',
  'dry-run'
]
/** Faults after which the request certainly did not reach the admin API: the only ones a refresh may follow. */
const NOT_RECEIVED: Fault['kind'][] = ['refused', 'throttle', 'unavailable']

// --- Scenarios ---------------------------------------------------------------------------------------------------

/** What one deployment's restart does on the server. */
interface Plan {
  job: JobOutcome
  neverReady: boolean
  servicesNeverAnswer: boolean
  /** Its job record is gone for good this long after the refresh. */
  recordLostAfterMs?: number
  /** Unhealthy before any refresh (its pods, its state, or its services), until one heals it. */
  unhealthy?: 'pods' | 'state' | 'services'
}

interface Scenario {
  credentials: 'token' | 'password'
  /** A 10.9.0 server: no restart jobs, the refresh answers when the restart is done. */
  synchronous: boolean
  /** Indexes into the emulator's default deployments, and whether deployment-id names them by name. */
  targets: number[]
  byName: boolean
  plans: Plan[]
  clock: Required<
    Pick<EmulatorOptions, 'submittedMs' | 'executingMs' | 'readyDelayMs' | 'serviceWarmupMs'>
  >
  tokenLifetimeMs?: number
  jobsListing: 'ids' | 'objects'
  inputs: Partial<Record<InputName, string>>
  faults: FaultScript
  /** Seeds the backoff's jitter (Math.random), so that a replay waits as the failing run did. */
  jitter: number
}

const SECOND = 1_000
const MINUTE = 60 * SECOND

function faultArbitrary(noneWeight: number): fc.Arbitrary<Fault> {
  const handled = fc.boolean()
  return fc.oneof(
    { arbitrary: fc.constant<Fault>({ kind: 'none' }), weight: noneWeight },
    {
      arbitrary: fc.record({
        kind: fc.constant('delay' as const),
        ms: fc.integer({ min: 0, max: 45 * SECOND })
      }),
      weight: 3
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('throttle' as const),
        retryAfterSeconds: fc.integer({ min: 0, max: 90 })
      }),
      weight: 2
    },
    { arbitrary: fc.constant<Fault>({ kind: 'unavailable' }), weight: 2 },
    {
      arbitrary: fc.record({
        kind: fc.constant('gateway' as const),
        status: fc.constantFrom(502 as const, 504 as const),
        afterApi: handled
      }),
      weight: 2
    },
    { arbitrary: fc.constant<Fault>({ kind: 'refused' }), weight: 2 },
    {
      arbitrary: fc.record({ kind: fc.constant('reset' as const), afterApi: handled }),
      weight: 2
    },
    { arbitrary: fc.record({ kind: fc.constant('page' as const), afterApi: handled }), weight: 1 },
    { arbitrary: fc.constant<Fault>({ kind: 'expire-tokens' }), weight: 1 },
    { arbitrary: fc.constant<Fault>({ kind: 'echo' }), weight: 1 }
  )
}

/** true once in `oneIn` cases. */
const rarely = (oneIn: number) =>
  fc.oneof(
    { arbitrary: fc.constant(false), weight: oneIn - 1 },
    { arbitrary: fc.constant(true), weight: 1 }
  )
/** A value once in `oneIn` cases, else undefined (which shrinking goes to). */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, oneIn: number) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: oneIn - 1 }, { arbitrary, weight: 1 })

const planArbitrary: fc.Arbitrary<Plan> = fc.record({
  job: fc.oneof(
    { arbitrary: fc.constant<JobOutcome>('complete'), weight: 6 },
    {
      arbitrary: fc.constantFrom<JobOutcome>('fail', 'stuck', 'complete-with-error', 'cancel'),
      weight: 2
    }
  ),
  neverReady: rarely(6),
  servicesNeverAnswer: rarely(6),
  recordLostAfterMs: sometimes(fc.integer({ min: 0, max: 5 * MINUTE }), 6),
  unhealthy: sometimes(fc.constantFrom('pods' as const, 'state' as const, 'services' as const), 3)
})

const scenarioArbitrary: fc.Arbitrary<Scenario> = fc.record({
  credentials: fc.constantFrom('token' as const, 'password' as const),
  synchronous: rarely(6),
  targets: fc.uniqueArray(fc.integer({ min: 0, max: defaultDeployments.length - 1 }), {
    minLength: 1,
    maxLength: 2
  }),
  byName: fc.boolean(),
  plans: fc.array(planArbitrary, {
    minLength: defaultDeployments.length,
    maxLength: defaultDeployments.length
  }),
  clock: fc.record({
    submittedMs: fc.integer({ min: 0, max: MINUTE }),
    executingMs: fc.integer({ min: 0, max: 7 * MINUTE }),
    readyDelayMs: fc.integer({ min: 0, max: 3 * MINUTE }),
    serviceWarmupMs: fc.integer({ min: 0, max: MINUTE })
  }),
  tokenLifetimeMs: sometimes(fc.integer({ min: MINUTE, max: 15 * MINUTE }), 4),
  jobsListing: fc.constantFrom('ids' as const, 'objects' as const),
  inputs: fc.record({
    timeout: fc.integer({ min: 2, max: 12 }).map((minutes) => `${minutes}m`),
    'poll-interval': fc.constantFrom('10s', '5s', '30s'),
    'request-timeout': fc.constantFrom('30s', '5s'),
    'max-concurrency': fc.constantFrom('1', '2'),
    'fail-fast': fc.constantFrom('true', 'false'),
    verify: fc.constantFrom('true', 'false'),
    wait: rarely(10).map((off) => String(!off)),
    'wait-for-ready': rarely(5).map((off) => String(!off)),
    'restart-if': fc.constantFrom('always', 'always', 'unhealthy')
  }),
  faults: fc.record({
    refresh: fc.array(faultArbitrary(3), { maxLength: 4 }),
    other: fc.array(faultArbitrary(12), { maxLength: 40 }),
    recordGap: sometimes(
      fc.record({
        afterMs: fc.integer({ min: 0, max: 5 * MINUTE }),
        forMs: fc.integer({ min: 0, max: 6 * MINUTE })
      }),
      4
    )
  }),
  jitter: fc.nat()
})

// --- Running one scenario ----------------------------------------------------------------------------------------

interface Run {
  scenario: Scenario
  inputs: RestartInputs
  driven: Driven<RunEnd>
  /** Undefined when the run did not end by itself. */
  view?: RunReportView
  lines: LogLine[]
  exchanges: Exchange[]
  startedAt: number
  endedAt: number
  deadlineAt: number
  /** The seeds of the targets, in input order. */
  seeds: DeploymentSeed[]
  /** The run's secrets: the token or password given, and every token the server generated. */
  secrets: string[]
}

function emulatorOptions(scenario: Scenario): EmulatorOptions {
  const deployments = defaultDeployments.map((seed, index) => {
    const plan = scenario.plans[index]
    return {
      ...seed,
      job: plan.job,
      neverReady: plan.neverReady,
      servicesNeverAnswer: plan.servicesNeverAnswer,
      jobRecordLostAfterMs: plan.recordLostAfterMs,
      unhealthy: plan.unhealthy
    }
  })
  return {
    ...scenario.clock,
    deployments,
    tokenLifetimeMs: scenario.tokenLifetimeMs,
    jobsListing: scenario.jobsListing,
    ...(scenario.synchronous && { version: '10.9', syncRefresh: true })
  }
}

/** A deterministic Math.random for the backoff's jitter (a linear congruential generator). */
function jitterSource(seed: number): () => number {
  let state = seed % 2 ** 31
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

async function runScenario(scenario: Scenario): Promise<Run> {
  useFakeClock(EPOCH)
  const random = jest.spyOn(Math, 'random').mockImplementation(jitterSource(scenario.jitter))
  const transit = new Transit()
  const untrack = transit.trackHttpClient()
  const options = emulatorOptions(scenario)
  try {
    const portal = faultyPortal(options, scenario.faults, transit)
    const seeds = scenario.targets.map((index) => options.deployments![index])
    const given: Partial<Record<InputName, string>> = {
      ...scenario.inputs,
      'portal-url': PORTAL,
      'deployment-id': seeds
        .map((seed) => (scenario.byName ? seed.name : seed.deploymentId))
        .join(','),
      ...(scenario.credentials === 'token'
        ? { token: portal.token }
        : { username: defaultUsers[0].username, password: defaultUsers[0].password })
    }
    const inputs = parseInputs((name) => given[name] ?? '')
    const secrets = new Secrets(() => undefined)
    const givenSecret = scenario.credentials === 'token' ? portal.token : defaultUsers[0].password
    secrets.add(givenSecret)
    const logger = recordingLogger()
    const report = new RunReport((text) => secrets.redact(text))
    const controller = new AbortController()
    const startedAt = Date.now()
    const deadlineAt = startedAt + inputs.timeoutMs
    const running = restartDeployments(inputs, {
      logger,
      deploymentLog: (_label, _concurrent, work) => work(logger),
      sink: report,
      secrets,
      signal: controller.signal
    })
    const driven = await drive(running, transit, deadlineAt + END_BOUND_MS)
    const endedAt = Date.now()
    if (driven.kind !== 'ended') {
      // Stop it, so that it does not go on into the next case's server.
      controller.abort()
      await drive(running, transit, Infinity)
    }
    return {
      scenario,
      inputs,
      driven,
      view: driven.kind === 'ended' ? report.finish(driven.value, logger) : undefined,
      lines: logger.lines,
      exchanges: portal.exchanges,
      startedAt,
      endedAt,
      deadlineAt,
      seeds,
      secrets: [givenSecret, ...portal.generatedTokens]
    }
  } finally {
    untrack()
    random.mockRestore()
    nock.abortPendingRequests()
    nock.cleanAll()
    jest.clearAllTimers()
    jest.useRealTimers()
  }
}

/** The same scenario runs the same way: each property's cases reuse the runs of the one before. */
const runs = new Map<string, Promise<Run>>()
function runOf(scenario: Scenario): Promise<Run> {
  const key = JSON.stringify(scenario)
  let run = runs.get(key)
  if (!run) {
    run = runScenario(scenario)
    runs.set(key, run)
  }
  return run
}

// --- Reading a run -----------------------------------------------------------------------------------------------

function body(exchange: Exchange): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(exchange.answer?.body ?? '')
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** The client read this answer: it came back before the request's own limit and the deadline. */
function delivered(run: Run, exchange: Exchange): boolean {
  if (!exchange.answer || exchange.answeredAt === undefined) return false
  // A synchronous refresh waits as long as the step may.
  const synchronousRefresh = run.scenario.synchronous && exchange.route.endsWith('/refresh')
  const limit = Math.min(
    synchronousRefresh ? Infinity : run.inputs.requestTimeoutMs,
    run.deadlineAt - exchange.at
  )
  return exchange.answeredAt - exchange.at < limit
}

/** The answers the client read for `route`, in order. */
function readAnswers(run: Run, route: string): Exchange[] {
  return run.exchanges.filter((exchange) => exchange.route === route && delivered(run, exchange))
}

function isTokenError(exchange: Exchange): boolean {
  const error = body(exchange)?.error as { code?: number } | undefined
  return error?.code === 498 || error?.code === 499
}

const deploymentRoute = (id: string) => `admin/system/deployments/${id}`
const jobRoute = (jobId: string) => `admin/jobs/${jobId}`
/** `Folder/Name.Type` → its REST endpoint below the context. */
const serviceRoute = (service: string | ServiceSeed) =>
  typeof service === 'string'
    ? `rest/services/${service.replace(/\.(?=[^.]+$)/, '/')}`
    : `rest/services/${service.folder === undefined ? '' : `${service.folder}/`}${service.name}/${service.type}`

function describeFault(fault: Fault): string {
  const { kind, ...details } = fault
  const shown = Object.entries(details).map(([name, value]) => `${name} ${value}`)
  return [kind, ...shown].join(' ')
}

/** The run as a reader of a failure needs it: every exchange and every line of the log. */
function trace(run: Run): string {
  const seconds = (ms: number) => `${Math.round((ms - run.startedAt) / 100) / 10}s`
  const exchanges = run.exchanges.map((exchange) => {
    const fault = exchange.fault.kind === 'none' ? '' : ` [${describeFault(exchange.fault)}]`
    const answer = exchange.answer
      ? `${exchange.answer.status} after ${exchange.answeredAt! - exchange.at} ms${delivered(run, exchange) ? '' : ' (too late)'}: ${exchange.answer.body.replace(/\s+/g, ' ').slice(0, 140)}`
      : 'no answer'
    return `  #${exchange.seq} ${seconds(exchange.at)} ${exchange.method} ${exchange.route}${fault} -> ${answer}${exchange.acted ? ' (acted)' : ''}`
  })
  const log = run.lines
    .filter((line) => line.level !== 'debug')
    .map((line) => `  ${line.level}: ${line.text}`)
  return [
    `Run: ${run.driven.kind === 'ended' ? JSON.stringify(run.driven.value) : run.driven.kind}, after ${seconds(run.endedAt)} (deadline ${seconds(run.deadlineAt)})`,
    `Results: ${JSON.stringify(run.view?.results)}`,
    'Exchanges (time since the start):',
    ...exchanges,
    'Log:',
    ...log
  ].join('\n')
}

/** A property: `check` lists what is wrong with a run, and the failure shows it with the run's trace. */
function holds(check: (run: Run) => string[]) {
  return fc.asyncProperty(scenarioArbitrary, async (scenario) => {
    const run = await runOf(scenario)
    const problems = check(run)
    if (problems.length > 0) throw new Error(`${problems.join('\n')}\n\n${trace(run)}`)
  })
}

// --- The invariants ----------------------------------------------------------------------------------------------

/** A refresh follows another only when that one certainly did not reach the admin API; at most one restarts pods. */
function refreshedOnce(run: Run): string[] {
  return run.seeds.flatMap(({ deploymentId }) => {
    const refreshes = run.exchanges.filter(
      (exchange) => exchange.route === `${deploymentRoute(deploymentId)}/refresh`
    )
    const problems = refreshes.slice(0, -1).flatMap((refresh, index) => {
      const turnedAway =
        NOT_RECEIVED.includes(refresh.fault.kind) ||
        (delivered(run, refresh) && isTokenError(refresh))
      return turnedAway
        ? []
        : [
            `Refresh #${refresh.seq} of ${deploymentId} (${describeFault(refresh.fault)}) may have reached the admin API, yet refresh #${refreshes[index + 1].seq} followed it`
          ]
    })
    const acted = refreshes.filter((refresh) => refresh.acted)
    if (acted.length > 1) {
      problems.push(
        `${acted.length} refreshes of ${deploymentId} reached the admin API: ${acted.map((refresh) => `#${refresh.seq}`).join(', ')}`
      )
    }
    return problems
  })
}

/** The run ends by itself by its deadline (plus END_BOUND_MS), and its report has every field. */
function endsWithEveryOutput(run: Run): string[] {
  if (run.driven.kind === 'hung') {
    return ['The run never ended: nothing was left to wait for (no timer, no request on its way)']
  }
  if (run.driven.kind === 'overran') {
    return [`The run was still going ${END_BOUND_MS} ms after its deadline`]
  }
  const view = run.view!
  const problems: string[] = []
  const must = (ok: boolean, what: string) => {
    if (!ok) problems.push(what)
  }
  must(run.endedAt <= run.deadlineAt + END_BOUND_MS, 'The run ended after its deadline')
  must(OUTCOMES.includes(view.outcome), `Unknown outcome ${view.outcome}`)
  must(typeof view.tally === 'string' && view.tally !== '', 'No tally')
  must(typeof view.jobStatus === 'string', 'No job status')
  must(Number.isFinite(view.durationMs) && view.durationMs >= 0, 'No duration')
  must(Array.isArray(view.notes) && Array.isArray(view.inventory), 'No notes or inventory')
  const failed = !['success', 'submitted', 'dry-run'].includes(view.outcome)
  must(
    failed === (typeof view.failure === 'string' && view.failure !== ''),
    `Outcome ${view.outcome} with failure ${JSON.stringify(view.failure)}`
  )
  must(
    view.results.length === 0 || view.results.length === run.seeds.length,
    `${view.results.length} results for ${run.seeds.length} deployments`
  )
  if (view.outcome === 'success') {
    must(view.results.length === run.seeds.length, 'Success without a result per deployment')
  }
  for (const result of view.results) {
    const which = `The result of ${result.deploymentId}`
    must(
      run.seeds.some((seed) => seed.deploymentId === result.deploymentId),
      `${which} is not of a target`
    )
    must(RESTART_OUTCOMES.includes(result.outcome), `${which} has outcome ${result.outcome}`)
    must(
      typeof result.status === 'string' && result.status !== '' && result.status !== 'REFRESHING',
      `${which} has status ${JSON.stringify(result.status)} at the end`
    )
    must(
      [true, false, null].includes(result.ready) && [true, false, null].includes(result.verified),
      `${which} has ready ${result.ready}, verified ${result.verified}`
    )
    must(
      Number.isFinite(result.durationSeconds) && result.durationSeconds >= 0,
      `${which} has duration ${result.durationSeconds}`
    )
  }
  const document = publicReport(view)
  must(
    JSON.stringify(JSON.parse(JSON.stringify(document))) === JSON.stringify(document) &&
      hasNoUndefined(document),
    `The public report leaves a field undefined: ${JSON.stringify(document)}`
  )
  return problems
}

function hasNoUndefined(value: unknown): boolean {
  if (value === undefined) return false
  if (Array.isArray(value)) return value.every(hasNoUndefined)
  if (typeof value === 'object' && value !== null) return Object.values(value).every(hasNoUndefined)
  return true
}

/**
 * A success was seen: its job COMPLETED (or its record lost), then its pods ready (when waited for, and always after
 * a lost record), then each of its services answering (when verify is on).
 */
function successSeen(run: Run): string[] {
  const { inputs, scenario } = run
  return (run.view?.results ?? []).flatMap((result) => {
    if (result.outcome !== 'success') return []
    const seed = run.seeds.find((candidate) => candidate.deploymentId === result.deploymentId)!
    const id = seed.deploymentId
    const refresh = readAnswers(run, `${deploymentRoute(id)}/refresh`)
    let after: number
    let lost = false
    if (scenario.synchronous) {
      const done = refresh.find((exchange) => body(exchange)?.status === 'success')
      if (!done) return [`${id} succeeded, but no refresh answered that it was done`]
      after = done.seq
    } else {
      if (!inputs.wait) return [`${id} succeeded without waiting for its job`]
      const completed = readAnswers(run, jobRoute(result.jobId?.raw ?? '')).find(
        (exchange) => body(exchange)?.status === 'COMPLETED' && !resultIsError(exchange)
      )
      lost = result.status === 'UNKNOWN' && /record was lost/.test(result.note ?? '')
      if (!completed && !lost) {
        return [`${id} succeeded, but its job ${result.jobId} was never seen COMPLETED nor lost`]
      }
      const sent = run.exchanges.find(
        (exchange) => exchange.route === `${deploymentRoute(id)}/refresh`
      )
      after = completed?.seq ?? sent?.seq ?? Infinity
    }
    if (!inputs.wait || (!inputs.waitForReady && !lost)) return []
    const ready = readAnswers(run, `${deploymentRoute(id)}/status`).find(
      (exchange) => exchange.seq > after && isReadyAnswer(exchange)
    )
    if (!ready) return [`${id} succeeded, but its pods were not seen ready after #${after}`]
    if (result.ready !== true) return [`${id} succeeded with ready ${result.ready}`]
    // verify needs wait-for-ready: after a lost record without it, the pods are checked but not the services.
    if (!inputs.verify || !inputs.waitForReady) return []
    if (result.verified === null) {
      const said = run.lines.some((line) =>
        /^Only pod readiness (and the verify-url URLs )?(is|are) checked/.test(line.text)
      )
      return said ? [] : [`${id} succeeded unverified, and the log does not say why`]
    }
    if (result.verified !== true) return [`${id} succeeded with verified ${result.verified}`]
    return (seed.services ?? []).flatMap((service) => {
      const answered = readAnswers(run, serviceRoute(service)).some(
        (exchange) =>
          exchange.seq > ready.seq && exchange.answer?.status === 200 && !body(exchange)?.error
      )
      return answered
        ? []
        : [`${id} succeeded, but service ${service} was not seen answering after #${ready.seq}`]
    })
  })
}

function resultIsError(exchange: Exchange): boolean {
  const result = body(exchange)?.result as { status?: string } | undefined
  return result?.status === 'error'
}

function isReadyAnswer(exchange: Exchange): boolean {
  const status = body(exchange) as
    { currentState?: string; readyReplicas?: number; totalReplicas?: number } | undefined
  return (
    status?.currentState === 'STARTED' &&
    status.totalReplicas !== undefined &&
    status.readyReplicas === status.totalReplicas
  )
}

/** Each result names the job its refresh started; a timeout while following it names the job and its last status. */
function timeoutNamesTheJob(run: Run): string[] {
  return (run.view?.results ?? []).flatMap((result) => {
    const id = result.deploymentId
    const problems: string[] = []
    const named = readAnswers(run, `${deploymentRoute(id)}/refresh`)
      .map((exchange) => body(exchange)?.jobID)
      .find((jobId) => jobId !== undefined)
    if (named !== undefined && result.jobId?.raw !== named) {
      problems.push(`The refresh of ${id} answered job ${named}, the result names ${result.jobId}`)
    }
    if (result.outcome !== 'timeout' || !result.jobId) return problems
    if (['COMPLETED', 'UNKNOWN'].includes(result.status)) return problems
    const lastRead = readAnswers(run, jobRoute(result.jobId.raw))
      .map((exchange) => body(exchange)?.status)
      .filter((status): status is string => typeof status === 'string')
      .at(-1)
    if (lastRead !== undefined && lastRead !== result.status) {
      problems.push(
        `Job ${result.jobId} was last seen ${lastRead}, the result says ${result.status}`
      )
    }
    const error = result.error ?? ''
    if (!error.includes(`Job ${result.jobId}`) || !error.includes(`last status ${result.status}`)) {
      problems.push(
        `The timeout of ${id} does not name job ${result.jobId} and status ${result.status}: ${error}`
      )
    }
    if (!run.view?.failure?.includes(`Job ${result.jobId}`)) {
      problems.push(`The failure does not name job ${result.jobId}: ${run.view?.failure}`)
    }
    return problems
  })
}

/**
 * With restart-if: unhealthy, a deployment the health check found healthy (or stopped) is never refreshed, and one
 * that was never refreshed is never reported as restarted.
 */
function healthyNeverRefreshed(run: Run): string[] {
  if (run.inputs.restartIf !== 'unhealthy') return []
  return (run.view?.results ?? []).flatMap((result) => {
    const refreshes = run.exchanges.filter(
      (exchange) => exchange.route === `${deploymentRoute(result.deploymentId)}/refresh`
    )
    const verdict = result.health?.verdict
    if ((verdict === 'healthy' || verdict === 'stopped') && refreshes.length > 0) {
      return [
        `${result.deploymentId} was found ${verdict}, yet refresh #${refreshes[0].seq} was sent`
      ]
    }
    if (refreshes.length === 0 && result.outcome === 'success' && result.jobId) {
      return [`${result.deploymentId} was never refreshed, yet reports job ${result.jobId}`]
    }
    return []
  })
}

/** No secret in any log line (debug included), in the report, in the public JSON or in how the run ended. */
function secretsKept(run: Run): string[] {
  const texts = [
    ...run.lines.map((line) => `${line.level} line: ${line.text}`),
    `report: ${JSON.stringify(run.view)}`,
    `public report: ${run.view ? JSON.stringify(publicReport(run.view)) : ''}`,
    `run end: ${run.driven.kind === 'ended' ? JSON.stringify(run.driven.value) : ''}`
  ]
  return texts.flatMap((text) =>
    run.secrets.some((secret) => text.includes(secret)) ? [`A secret in the ${text}`] : []
  )
}

// --- The properties ----------------------------------------------------------------------------------------------

/** Long enough for shrinking a counterexample, which runs many more cases than a passing run. */
const PROPERTY_TIMEOUT_MS = 10 * MINUTE

beforeAll(() => nock.disableNetConnect())
afterAll(() => {
  runs.clear()
  nock.enableNetConnect()
  nock.restore()
})

describe('restartDeployments under random faults', () => {
  it(
    'sends a refresh again only after one that certainly did not reach the admin API',
    async () => {
      await fc.assert(holds(refreshedOnce), settings)
    },
    PROPERTY_TIMEOUT_MS
  )

  it(
    'ends by itself by its deadline, with every field of its report set',
    async () => {
      await fc.assert(holds(endsWithEveryOutput), settings)
    },
    PROPERTY_TIMEOUT_MS
  )

  it(
    'reports success only after the job completed (or its record was lost), the pods were ready, and the services answered',
    async () => {
      await fc.assert(holds(successSeen), settings)
    },
    PROPERTY_TIMEOUT_MS
  )

  it(
    'names the job and its last status on a timeout',
    async () => {
      await fc.assert(holds(timeoutNamesTheJob), settings)
    },
    PROPERTY_TIMEOUT_MS
  )

  it(
    'with restart-if: unhealthy, never refreshes a deployment it found healthy',
    async () => {
      await fc.assert(holds(healthyNeverRefreshed), settings)
    },
    PROPERTY_TIMEOUT_MS
  )

  it(
    'keeps every secret out of the log, the report and the outputs',
    async () => {
      await fc.assert(holds(secretsKept), settings)
    },
    PROPERTY_TIMEOUT_MS
  )
})
