// Restarts and their jobs. A refresh records a restart; the job's status and the deployment's
// readiness are computed from its timestamps whenever they are asked for, so no timer outlives a
// request:
//   SUBMITTED for submittedMs, then EXECUTING for executingMs ('stuck': forever; 'cancel': half of
//   it, then CANCELLING for the other half; unavailableMs of UNAVAILABLE in its middle), then the
//   outcome; readyReplicas is 0 until readyDelayMs after the job ended (also after a FAILED or
//   CANCELLED job), and never comes back for a seed that says neverReady. A seed that says unhealthy
//   is so until its first refresh. A seed's
//   jobRecordLostAfterMs makes the record vanish, as when the admin API's store restarts. A stopped
//   seed is never ready and its refresh is refused. jobsListingNoise adds unrelated jobs of the past.
import { randomUUID } from 'node:crypto'
import { json, type Answer, type ErrorAnswers } from './answers.ts'
import { isStopped } from './deployments.ts'
import type { IssuedToken } from './tokens.ts'
import type { DeploymentSeed, EmulatorOptions, JobOutcome, RecordedRequest } from './types.ts'

interface Restart {
  seed: DeploymentSeed
  startedAt: number
  outcome: JobOutcome
  username: string
}

interface Job extends Restart {
  jobId: string
}

const DEFAULT_FAILURE_MESSAGES = ['Pods failed to become ready: CrashLoopBackOff']

export interface JobsSetup {
  options: Pick<
    EmulatorOptions,
    | 'submittedMs'
    | 'executingMs'
    | 'readyDelayMs'
    | 'syncRefresh'
    | 'lowerCaseJobKeys'
    | 'jobsUrlOrigin'
    | 'jobsListing'
    | 'now'
    | 'jobsListingNoise'
  >
  /** The web adaptor context, for jobsUrl. */
  context: string
  errors: ErrorAnswers
  /** Waits as a synchronous refresh does; the emulator cancels it when it closes. */
  sleep: (ms: number) => Promise<void>
}

export class Jobs {
  readonly #jobs = new Map<string, Job>()
  /** The latest restart of each deployment, asynchronous or not: its readiness follows it. */
  readonly #latestRestarts = new Map<string, Restart>()
  readonly #setup: JobsSetup
  readonly #submittedMs: number
  readonly #executingMs: number
  readonly #readyDelayMs: number
  /** The clock of every job and readiness timeline. */
  readonly now: () => number
  /** The records of jobsListingNoise's unrelated jobs, by id. */
  readonly #noise: Map<string, Record<string, unknown>>

  constructor(setup: JobsSetup) {
    this.#setup = setup
    this.#submittedMs = setup.options.submittedMs ?? 300
    this.#executingMs = setup.options.executingMs ?? 1500
    this.#readyDelayMs = setup.options.readyDelayMs ?? 500
    this.now = setup.options.now ?? Date.now
    this.#noise = unrelatedJobs(setup.options.jobsListingNoise ?? 0, setup.context)
  }

  readyReplicas(seed: DeploymentSeed): number {
    if (isStopped(seed) || this.unhealthy(seed) === 'pods') return 0
    return this.now() >= (this.readySince(seed) ?? -Infinity) ? (seed.replicas ?? 1) : 0
  }

  /** How the seed is unhealthy now: as it says, until its first refresh heals it. */
  unhealthy(seed: DeploymentSeed): DeploymentSeed['unhealthy'] {
    return this.#latestRestarts.has(seed.deploymentId) ? undefined : seed.unhealthy
  }

  /** When the pods of the latest restart were all ready again (Infinity: never); undefined before any restart. */
  readySince(seed: DeploymentSeed): number | undefined {
    const restart = this.#latestRestarts.get(seed.deploymentId)
    if (!restart) return undefined
    return seed.neverReady ? Infinity : this.#times(restart).endsAt + this.#readyDelayMs
  }

  /**
   * POST system/deployments/<id>/refresh. Only an administrator may. With async=true it answers a
   * job at once; otherwise (or on a syncRefresh server) it answers once the restart ended: a
   * failing one with an admin-style error with code 500, a stuck one never.
   */
  async refresh(
    request: RecordedRequest,
    seed: DeploymentSeed,
    token: IssuedToken,
    clientOrigin: string
  ): Promise<Answer | undefined> {
    const { options, errors } = this.#setup
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
    if (isStopped(seed)) {
      return errors.admin(400, [
        `Deployment '${seed.name}' is stopped. Start it before refreshing it.`
      ])
    }
    const restart: Restart = {
      seed,
      startedAt: this.now(),
      outcome: seed.job ?? 'complete',
      username: token.username
    }
    this.#latestRestarts.set(seed.deploymentId, restart)
    const isAsync = (request.form.async ?? request.query.async)?.toLowerCase() === 'true'

    if (options.syncRefresh || !isAsync) {
      // A synchronous restart that never ends keeps the request open until the client gives up.
      if (restart.outcome === 'stuck') return undefined
      await this.#setup.sleep(this.#submittedMs + this.#executingMs)
      if (restart.outcome === 'complete') return json({ status: 'success' })
      return errors.admin(500, seed.failureMessages ?? DEFAULT_FAILURE_MESSAGES)
    }

    const jobId = seed.jobId ?? newJobId()
    this.#jobs.set(jobId, { ...restart, jobId })
    const origin = options.jobsUrlOrigin ?? clientOrigin
    const jobsUrl = `${origin}/${this.#setup.context}/admin/jobs/${encodeURIComponent(jobId)}`
    return json(
      options.lowerCaseJobKeys
        ? { jobsUrl, jobid: jobId, status: 'SUBMITTED' }
        : { jobsUrl, jobID: jobId, jobStatus: 'SUBMITTED' }
    )
  }

  /** GET jobs/<jobId> */
  describe(jobId: string): Answer {
    const unrelated = this.#noise.get(jobId)
    if (unrelated) return json(unrelated)
    const job = this.#jobs.get(jobId)
    if (!job) return this.#setup.errors.admin(404, [`Job '${jobId}' does not exist.`])
    const now = this.now()
    if (this.#lost(job, now)) return this.#setup.errors.portal(404, 'Job not found')
    return json(this.#record(job, now))
  }

  /**
   * GET jobs: every job whose record is not lost, as ids or as records (jobsListing), the unrelated ones of
   * jobsListingNoise among them, shuffled.
   */
  list(request: RecordedRequest): Answer {
    const { jobsListing = 'ids' } = this.#setup.options
    if (jobsListing === 'none') return this.#setup.errors.notFound(request.path)
    const now = this.now()
    const jobs = [...this.#jobs.values()].filter((job) => !this.#lost(job, now))
    const listed = [
      ...jobs.map((job) => (jobsListing === 'ids' ? job.jobId : this.#record(job, now))),
      ...[...this.#noise].map(([jobId, record]) => (jobsListing === 'ids' ? jobId : record))
    ]
    return json({ jobs: this.#noise.size > 0 ? shuffled(listed) : listed })
  }

  #lost(job: Job, now: number): boolean {
    const lostAfterMs = job.seed.jobRecordLostAfterMs
    return lostAfterMs !== undefined && now >= job.startedAt + lostAfterMs
  }

  #record(job: Job, now: number): Record<string, unknown> {
    const { executingAt, endsAt } = this.#times(job)
    const { deploymentId } = job.seed
    const common = {
      jobid: job.jobId,
      operationURI: `/${this.#setup.context}/admin/system/deployments/${deploymentId}/refresh`,
      username: job.username,
      starttime: job.startedAt
    }
    if (now < executingAt) {
      return { ...common, status: 'SUBMITTED', endtime: 0, updatedtime: job.startedAt }
    }
    if (now < endsAt) return { ...common, ...this.#running(job, now), endtime: 0 }
    const finished = { ...common, endtime: endsAt, updatedtime: endsAt }
    const messages = job.seed.failureMessages ?? DEFAULT_FAILURE_MESSAGES
    switch (job.outcome) {
      case 'fail':
        return { ...finished, status: 'FAILED', ...failureDetails(job.seed, messages) }
      case 'cancel':
        return {
          ...finished,
          status: 'CANCELLED',
          result: { messages: ['The job was cancelled.'] }
        }
      case 'complete-with-error':
        return { ...finished, status: 'COMPLETED', result: { status: 'error', messages } }
      default:
        return { ...finished, status: 'COMPLETED', result: { service: { deploymentId } } }
    }
  }

  /** The status of a job between EXECUTING and its end, and when it last changed. */
  #running(job: Job, now: number): { status: string; updatedtime: number } {
    const { executingAt } = this.#times(job)
    if (job.outcome === 'cancel' && now >= executingAt + this.#executingMs / 2) {
      return { status: 'CANCELLING', updatedtime: executingAt + this.#executingMs / 2 }
    }
    const unavailableMs = job.seed.unavailableMs ?? 0
    const unavailableAt = executingAt + (this.#executingMs - unavailableMs) / 2
    if (unavailableMs > 0 && now >= unavailableAt && now < unavailableAt + unavailableMs) {
      return { status: 'UNAVAILABLE', updatedtime: unavailableAt }
    }
    return { status: 'EXECUTING', updatedtime: executingAt }
  }

  #times(restart: Restart): { executingAt: number; endsAt: number } {
    const executingAt = restart.startedAt + this.#submittedMs
    const endsAt = restart.outcome === 'stuck' ? Infinity : executingAt + this.#executingMs
    return { executingAt, endsAt }
  }
}

/** Why a FAILED job failed, where the seed's failureShape puts it. */
function failureDetails(seed: DeploymentSeed, messages: string[]): Record<string, unknown> {
  switch (seed.failureShape ?? 'result') {
    case 'result':
      return { result: { messages } }
    case 'result-error':
      return { result: { error: messages.join(' ') } }
    case 'result-error-object':
      return {
        result: { error: { code: 500, message: messages[0], details: messages.slice(1) } }
      }
    case 'messages':
      return { messages }
  }
}

/** As real job ids are: `j` and a UUID. */
function newJobId(): string {
  return `j${randomUUID()}`
}

/** `count` COMPLETED service edits of the past hours, as a busy server's listing is full of. */
function unrelatedJobs(count: number, context: string): Map<string, Record<string, unknown>> {
  const now = Date.now()
  return new Map(
    Array.from({ length: count }, (_, index) => {
      const jobId = newJobId()
      const starttime = now - (index + 1) * 60_000
      const record = {
        jobid: jobId,
        status: 'COMPLETED',
        operationURI: `/${context}/admin/services/Hosted/Layer${index}.FeatureServer/edit`,
        username: 'admin',
        starttime,
        endtime: starttime + 4_000,
        updatedtime: starttime + 4_000,
        result: {}
      }
      return [jobId, record]
    })
  )
}

/** A copy in random order (Fisher–Yates). */
function shuffled<T>(items: T[]): T[] {
  const copy = [...items]
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1))
    ;[copy[index], copy[other]] = [copy[other], copy[index]]
  }
  return copy
}
