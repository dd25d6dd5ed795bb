import type { Logger } from '../common/logger.js'
import { formatDuration } from '../common/duration.js'
import { describeDeployment, type Target } from './targets.js'

type RestartOutcome = 'success' | 'failure' | 'timeout' | 'submitted' | 'skipped' | 'dry-run'

/** One deployment's restart as the outputs and the summary report it. */
export interface RestartResult {
  deploymentId: string
  name?: string
  service?: string
  jobId?: string
  jobsUrl?: string
  /** The last job status seen; COMPLETED for a synchronous restart; ERROR when a request failed before any job. */
  status: string
  /** Whether the pods were seen ready after the restart; null when not checked. */
  ready: boolean | null
  /** Whether its services (and verify-url) answered after the restart; null when nothing was checked. */
  verified: boolean | null
  durationSeconds: number
  error?: string
  /** Something the user should know even when the restart succeeded (a job record that was lost). */
  note?: string
  outcome: RestartOutcome
}

/** While the refresh request is out: a cancellation now cannot tell whether the restart started. */
export const REFRESHING = 'REFRESHING'
/**
 * Whether the restart ran cannot be told from its job: the refresh got no clear answer and no job was found, or the
 * job's record was lost while it was polled.
 */
export const UNKNOWN = 'UNKNOWN'

/** A result for `target` before (or without) a restart. */
export function resultFor(
  target: Target,
  fields: Pick<RestartResult, 'status' | 'outcome'> & Partial<RestartResult>
): RestartResult {
  return {
    deploymentId: target.deployment.id,
    name: target.deployment.name,
    service: target.services.join(',') || undefined,
    ready: null,
    verified: null,
    durationSeconds: 0,
    ...fields
  }
}

export type Outcome = 'success' | 'failure' | 'timeout' | 'submitted' | 'dry-run' | 'cancelled'

/** The step's outcome from its restarts: a failure outweighs a timeout, which outweighs a restart left running. */
export function overallOutcome(results: RestartResult[]): Outcome {
  for (const outcome of ['failure', 'timeout', 'submitted'] as const) {
    if (results.some((result) => result.outcome === outcome)) return outcome
  }
  return 'success'
}

/** COMPLETED when every job completed, else the status of the first that did not; SUBMITTED without waiting. */
export function overallJobStatus(results: RestartResult[], outcome: Outcome): string {
  if (outcome === 'submitted') return 'SUBMITTED'
  if (outcome === 'dry-run' || results.length === 0) return ''
  return results.find((result) => result.status !== 'COMPLETED')?.status ?? 'COMPLETED'
}

/** Every target's result before its restart starts. */
export function pendingResults(targets: Target[]): RestartResult[] {
  return targets.map((target) => resultFor(target, { status: 'PENDING', outcome: 'skipped' }))
}

/** The result with every server-provided text redacted (a server may echo a token anywhere). */
export function redactResult(
  result: RestartResult,
  redact: (text: string) => string
): RestartResult {
  const clean = (text: string | undefined) => (text === undefined ? undefined : redact(text))
  return {
    ...result,
    jobId: clean(result.jobId),
    jobsUrl: clean(result.jobsUrl),
    error: clean(result.error),
    note: clean(result.note)
  }
}

/** A result as the `results` output and the command's JSON show it: every field present, null when unknown. */
export function publicResult(result: RestartResult) {
  return {
    deploymentId: result.deploymentId,
    name: result.name ?? null,
    service: result.service ?? null,
    jobId: result.jobId ?? null,
    jobsUrl: result.jobsUrl ?? null,
    status: result.status,
    ready: result.ready,
    verified: result.verified,
    durationSeconds: result.durationSeconds,
    error: result.error ?? null
  }
}

/** Why the run did not succeed, one line per cause, or undefined when it did. */
export function failureMessage(
  results: RestartResult[],
  outcome: Outcome,
  error?: string
): string | undefined {
  if (outcome === 'success' || outcome === 'submitted' || outcome === 'dry-run') return undefined
  const lines = results
    .filter((result) => result.outcome === 'failure' || result.outcome === 'timeout')
    .map((result) => `${describeResult(result)}: ${result.error ?? result.status}`)
  if (error) lines.unshift(error)
  if (outcome === 'cancelled')
    lines.unshift('The run was cancelled; submitted restarts go on in the cluster.')
  if (outcome === 'timeout') lines.unshift('The restart did not finish before the timeout.')
  return lines.join('\n')
}

/** What the user should know of restarts that did not fail (a lost job record), one line each. */
export function resultNotes(results: RestartResult[]): string[] {
  return results
    .filter((result) => result.note && !result.error)
    .map((result) => `${describeResult(result)}: ${result.note}`)
}

/** After a cancellation the restarts go on in the cluster: says where to follow each one. */
export function logCancellation(results: RestartResult[], logger: Logger): void {
  for (const result of results) {
    if (result.jobId) {
      const url = result.jobsUrl ? `: ${result.jobsUrl}` : ''
      logger.info(
        `Job ${result.jobId} of ${describeResult(result)} was submitted and goes on in the cluster (last status ${result.status})${url}`
      )
    } else if (result.status === REFRESHING) {
      logger.warning(
        `The refresh of ${describeResult(result)} was being sent when the run was cancelled: the restart may have started; check the deployment.`
      )
    }
  }
}

export function describeResult(result: RestartResult): string {
  return describeDeployment(result.name, result.deploymentId)
}

/**
 * Where a job can be followed: under the portal URL, where the action polls it. Never the server's jobsUrl, which
 * may name another host (an internal name, a reverse proxy's backend).
 */
export function jobUrl(portalUrl: string, jobId: string): string {
  return `${portalUrl}/admin/jobs/${encodeURIComponent(jobId)}`
}

/** The run in one line, for the end of the log: `3 of 3 deployments restarted in 2m10s`. */
export function runTally(results: RestartResult[], outcome: Outcome, durationMs: number): string {
  const took = formatDuration(durationMs)
  const deployments = (count: number) => `${count} deployment${count === 1 ? '' : 's'}`
  const count = (wanted: RestartOutcome) =>
    results.filter((result) => result.outcome === wanted).length
  if (outcome === 'dry-run') {
    return `Dry run: ${deployments(results.length)} would restart; none restarted (${took})`
  }
  if (results.length === 0) return `No deployment restarted (${outcome} after ${took})`
  const restarted = `${count('success')} of ${deployments(results.length)} restarted`
  if (outcome === 'cancelled') return `${restarted} before the run was cancelled after ${took}`
  const others = (
    [
      ['submitted', 'submitted, not awaited'],
      ['failure', 'failed'],
      ['timeout', 'timed out'],
      ['skipped', 'skipped']
    ] as const
  )
    .filter(([wanted]) => count(wanted) > 0)
    .map(([wanted, what]) => `${count(wanted)} ${what}`)
  return `${restarted} in ${took}${others.length ? ` (${others.join(', ')})` : ''}`
}
