// The health check of restart-if: unhealthy: before anything restarts, each deployment's status and (with verify)
// a short probe of its services and of the verify-url URLs decide whether it needs a restart; the brake refuses to
// restart many at once, which looks like a platform problem rather than the microservices.
import type { ArcGISAdminClient } from '../arcgis/admin-client.js'
import { isStopped, type DeploymentStatus } from '../arcgis/answers.js'
import { Deadline } from '../common/deadline.js'
import { formatDuration } from '../common/duration.js'
import { fixedWidthLines } from '../common/fixed-width.js'
import type { Logger } from '../common/logger.js'
import { mapLimited } from '../common/map-limited.js'
import { pollWithin } from './poll.js'
import type { MaxUnhealthy } from './restart-inputs.js'
import type { RestartResult } from './results.js'
import { describeTarget, type Target } from './targets.js'
import { firstUnanswered, type Checks } from './verify.js'
import type { Vocabulary } from '../common/vocabulary.js'

export type Health = 'healthy' | 'unhealthy' | 'stopped'

/** What the health check found of one deployment. */
export interface HealthVerdict {
  verdict: Health
  /** `1/2` ready of total; '' for a stopped deployment, whose pods are not read. */
  pods: string
  /**
   * `answer`, `do not answer`, `unknown` (the admin API does not say which they are), `not checked` (verify off, or
   * the pods already failed), or '' for a stopped deployment.
   */
  services: string
  /** What was wrong (`0/1 pods ready`), or why it was left alone (stopped); undefined for a healthy one. */
  reason?: string
}

/**
 * A health probe is a few quick tries, not the patience after a restart: a service that is healthy answers at once,
 * and one that does not answer within this is worth a restart.
 */
const HEALTH_PROBE_MS = 5_000
const HEALTH_PROBE_INTERVAL_MS = 1_000

/** The Services cell of a deployment whose services were not probed (verify off, or its pods already failed). */
const NOT_PROBED = 'not checked'

/** The result statuses of deployments the health check left alone: not restarted, so no job status of theirs. */
export const HEALTH_STATUSES = ['HEALTHY', 'STOPPED', 'UNHEALTHY']

/** A check that could not be made: no reason to restart, so the run fails, restarting nothing. */
export class HealthCheckError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'HealthCheckError'
  }
}

export interface HealthContext {
  client: ArcGISAdminClient
  /** The step's deadline: the checks are part of the step's timeout. */
  deadline: Deadline
  maxConcurrency: number
  signal?: AbortSignal
  words: Vocabulary
}

/**
 * Checks every target, at most `maxConcurrency` at once: `checks` (one per target, from planChecks) are probed only
 * when verify is on and the pods look healthy. Throws HealthCheckError when a check cannot be made; the checks not
 * started by then are not made.
 */
export async function checkHealth(
  targets: Target[],
  checks: Checks[] | undefined,
  context: HealthContext,
  logger: Logger
): Promise<HealthVerdict[]> {
  logger.info(
    `Checking the health of ${targets.length} deployment${targets.length === 1 ? '' : 's'} (${context.words.set('restart-if', 'unhealthy')})`
  )
  let failed = false
  const verdicts = await mapLimited(
    targets.map((target, index) => ({ target, checks: checks?.[index] })),
    context.maxConcurrency,
    async ({ target, checks }) => {
      if (failed) return undefined
      try {
        return await checkOne(target, checks, context, logger)
      } catch (error) {
        failed = true
        throw error
      }
    }
  )
  return verdicts.filter((verdict): verdict is HealthVerdict => verdict !== undefined)
}

async function checkOne(
  target: Target,
  checks: Checks | undefined,
  { client, deadline, signal, words }: HealthContext,
  logger: Logger
): Promise<HealthVerdict> {
  if (isStopped(target.deployment)) {
    return {
      verdict: 'stopped',
      pods: '',
      services: '',
      reason: 'stopped by an administrator (configuredState STOPPED): left alone'
    }
  }
  const cannot = (why: string) =>
    new HealthCheckError(
      `The health of ${describeTarget(target)} could not be checked: ${why}. Nothing was restarted: a check that cannot be made is no reason to restart.`
    )
  // A few quick looks, as for the services: a blip is not a reason to fail, an admin API that does not answer is.
  const statusDeadline = new Deadline(Math.min(2 * HEALTH_PROBE_MS, deadline.remaining()))
  const read = await pollWithin(
    {
      deadline: statusDeadline,
      pollIntervalMs: HEALTH_PROBE_INTERVAL_MS,
      maxOutageMs: HEALTH_PROBE_MS,
      lookAtOnce: true,
      signal
    },
    logger,
    `The status of ${describeTarget(target)}`,
    async () => ({
      done: true,
      value: await client.getDeploymentStatus(target.deployment.id, 'once', statusDeadline)
    })
  )
  if (read.kind !== 'done') {
    throw cannot(
      read.kind === 'unreadable'
        ? `its status could not be read for ${formatDuration(read.forMs)} (${read.problem})`
        : 'its status could not be read before the timeout'
    )
  }
  const status = read.value
  const pods = `${status.readyReplicas ?? '?'}/${status.totalReplicas ?? '?'}`
  const wrong = podsProblem(status)
  if (wrong) return { verdict: 'unhealthy', pods, services: NOT_PROBED, reason: wrong }
  if (!checks || (checks.services.length === 0 && checks.urls.length === 0)) {
    return { verdict: 'healthy', pods, services: checks?.servicesUnknown ? 'unknown' : NOT_PROBED }
  }
  const probe = {
    client,
    deadline,
    checkMs: HEALTH_PROBE_MS,
    pollIntervalMs: HEALTH_PROBE_INTERVAL_MS,
    lookAtOnce: true,
    signal,
    words
  }
  const unanswered = await firstUnanswered(checks, probe, logger)
  if (!unanswered) return { verdict: 'healthy', pods, services: 'answer' }
  // A refused token would be refused after a restart too.
  if ('refused' in unanswered) throw cannot(unanswered.refused.replace(/\.$/, ''))
  return {
    verdict: 'unhealthy',
    pods,
    services: 'do not answer',
    reason: `${unanswered.failed} within ${formatDuration(HEALTH_PROBE_MS)} (answer: ${unanswered.answer})`
  }
}

/**
 * What is wrong with the pods: a state other than STARTED, or fewer replicas ready than there are. A status that
 * does not give the state or the counts is not held against the deployment: a restart would not make it say more.
 */
export function podsProblem({
  currentState,
  readyReplicas,
  totalReplicas
}: DeploymentStatus): string | undefined {
  const pods = `${readyReplicas ?? '?'}/${totalReplicas ?? '?'} pods ready`
  if (currentState !== undefined && currentState.toUpperCase() !== 'STARTED') {
    return `state ${currentState}, ${pods}`
  }
  if (readyReplicas !== undefined && totalReplicas !== undefined && readyReplicas < totalReplicas) {
    return pods
  }
  return undefined
}

/**
 * How many unhealthy deployments the brake lets through when `checked` were checked: a count as given, a percentage
 * of `checked` rounded down (50% of 3 is 1), and never fewer than 1, so that one broken deployment is always healed.
 */
export function allowedUnhealthy(max: MaxUnhealthy, checked: number): number {
  return Math.max(1, 'count' in max ? max.count : Math.floor((max.percent * checked) / 100))
}

/**
 * Why the brake stops the run, or undefined when it does not: more of the deployments checked (stopped ones are
 * not) are unhealthy than max-unhealthy allows.
 */
export function brakeReason(
  targets: Target[],
  verdicts: HealthVerdict[],
  max: MaxUnhealthy,
  words: Vocabulary
): string | undefined {
  const checked = verdicts.filter((verdict) => verdict.verdict !== 'stopped').length
  const unhealthy = targets.flatMap((target, index) =>
    verdicts[index].verdict === 'unhealthy'
      ? [`${describeTarget(target)}: ${verdicts[index].reason}`]
      : []
  )
  const allowed = allowedUnhealthy(max, checked)
  if (unhealthy.length <= allowed) return undefined
  const given = 'count' in max ? String(max.count) : `${max.percent}% of ${checked}, so ${allowed}`
  return [
    `${unhealthy.length} of ${checked} deployments checked are unhealthy, more than ${words.name('max-unhealthy')} allows (${given}): nothing was restarted.`,
    'So many at once looks like a platform problem (storage, the ingress, the cluster) rather than the microservices, and restarting them all would make it worse. Unhealthy:',
    ...unhealthy.map((line) => `- ${line}`)
  ].join('\n')
}

/** The columns of the health table, as the log, the step summary and the command show it. */
export const HEALTH_COLUMNS = ['Deployment', 'Pods', 'Services', 'Health', 'What was wrong']

/** A result's cells, in the order of HEALTH_COLUMNS (a result without a health check has none). */
export function healthCells({ name, deploymentId, health }: RestartResult): string[] {
  if (!health) return []
  return [
    String(name ?? deploymentId),
    health.pods,
    health.services,
    health.verdict,
    health.reason ?? ''
  ]
}

export function logHealthTable(results: RestartResult[], logger: Logger): void {
  logger.info('Health:')
  for (const line of fixedWidthLines([HEALTH_COLUMNS, ...results.map(healthCells)])) {
    logger.info(line)
  }
}
