import { ServerText } from '../common/server-text.js'
import type { HealthVerdict } from './health.js'
import { describeDeployment, type Target } from './targets.js'

export type RestartOutcome = 'success' | 'failure' | 'timeout' | 'submitted' | 'skipped' | 'dry-run'

/** One deployment's restart as the outputs and the summary report it. */
export interface RestartResult {
  deploymentId: string
  name?: ServerText
  service?: string
  jobId?: ServerText
  jobsUrl?: ServerText
  /** The last job status seen; COMPLETED for a synchronous restart; ERROR when a request failed before any job. */
  status: string
  /** Whether the pods were seen ready after the restart; null when not checked. */
  ready: boolean | null
  /** Whether its services (and verify-url) answered after the restart; null when nothing was checked. */
  verified: boolean | null
  durationSeconds: number
  error?: string
  /** The job's own messages when it failed, as the server sent them. */
  messages?: ServerText[]
  /** The services of the deployment configured as stopped, which verification left out (Folder/Name.Type). */
  stoppedServices?: ServerText[]
  /** Something the user should know even when the restart succeeded (a job record that was lost). */
  note?: string
  outcome: RestartOutcome
  /** What the health check found, with restart-if: unhealthy; undefined with always. */
  health?: HealthVerdict
}

/** Before its restart starts. */
export const PENDING = 'PENDING'
/** Not started, and never to be in this run (fail-fast after a failure, or a cancellation). */
export const SKIPPED = 'SKIPPED'
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

/** Every target's result before its restart starts. */
export function pendingResults(targets: Target[]): RestartResult[] {
  return targets.map((target) => resultFor(target, { status: PENDING, outcome: 'skipped' }))
}

/**
 * The result with every text redacted (a server may echo a token anywhere). The server's own texts were redacted
 * when the HTTP layer read them; this also covers the sentences, which may quote a request's URL or a network error.
 */
export function redactResult(
  result: RestartResult,
  redact: (text: string) => string
): RestartResult {
  const clean = (text: string | undefined) => (text === undefined ? undefined : redact(text))
  const cleanText = (text: ServerText | undefined) => text && ServerText.of(redact(text.raw))
  return {
    ...result,
    jobId: cleanText(result.jobId),
    jobsUrl: cleanText(result.jobsUrl),
    error: clean(result.error),
    note: clean(result.note),
    health: result.health && { ...result.health, reason: clean(result.health.reason) }
  }
}

export function describeResult(result: RestartResult): string {
  return describeDeployment(result.name, result.deploymentId)
}

/**
 * Where a job can be followed: under the portal URL, where the action polls it. Never the server's jobsUrl, which
 * may name another host (an internal name, a reverse proxy's backend).
 */
export function jobUrl(portalUrl: string, jobId: ServerText): string {
  return `${portalUrl}/admin/jobs/${encodeURIComponent(jobId.raw)}`
}
