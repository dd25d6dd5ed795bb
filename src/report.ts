import * as core from '@actions/core'
import { formatDuration } from './duration.js'
import { REFRESHING, resultFor, type RestartResult } from './restart.js'
import { describeDeployment, type Target } from './targets.js'

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

/**
 * Sets the outputs as soon as each value is known, so they exist even when the step fails or is cancelled, and
 * writes the step summary once at the end. Everything it writes passes through `redact`.
 */
export class Reporter {
  private readonly started = Date.now()
  private results: RestartResult[] = []
  private serverVersion?: string
  private finished = false
  private jobIdsWritten?: string

  constructor(private readonly redact: (text: string) => string) {}

  /** The deployment ids known before services are resolved. */
  setDeploymentIds(ids: string[]): void {
    core.setOutput('deployment-id', ids.join(','))
  }

  /** The deployments to restart, in order, services resolved. */
  track(targets: Target[]): void {
    this.results = targets.map((target) =>
      resultFor(target, { status: 'PENDING', outcome: 'skipped' })
    )
    this.setDeploymentIds(this.results.map((result) => result.deploymentId))
    this.setJobOutputs()
  }

  /** The result of the deployment at `index` so far; a new job id reaches the outputs right away. */
  update(index: number, result: RestartResult): void {
    this.results[index] = result
    this.setJobOutputs()
  }

  /** Sets job-id and jobs-url when they changed (results are updated in place as restarts go on). */
  private setJobOutputs(): void {
    const results = this.redacted()
    const jobIds = results.map((result) => result.jobId ?? '').join(',')
    if (jobIds === this.jobIdsWritten) return
    this.jobIdsWritten = jobIds
    core.setOutput('job-id', jobIds)
    core.setOutput('jobs-url', results.map((result) => result.jobsUrl ?? '').join(','))
  }

  /** The results with every server-provided text redacted (a server may echo a token anywhere). */
  private redacted(): RestartResult[] {
    const redact = (text: string | undefined) =>
      text === undefined ? undefined : this.redact(text)
    return this.results.map((result) => ({
      ...result,
      jobId: redact(result.jobId),
      jobsUrl: redact(result.jobsUrl),
      error: redact(result.error)
    }))
  }

  setServerVersion(version: string | undefined): void {
    this.serverVersion = version
    core.setOutput('server-version', version ?? '')
  }

  /** Writes the final outputs and the summary, once, and fails the step unless the outcome is a good one. */
  async finish(outcome: Outcome, error?: string): Promise<void> {
    if (this.finished) return
    this.finished = true
    if (outcome === 'cancelled') this.logSubmittedJobs()
    const results = this.redacted()
    core.setOutput('job-status', overallJobStatus(results, outcome))
    core.setOutput('outcome', outcome)
    core.setOutput('results', JSON.stringify(results.map(publicResult)))
    core.setOutput('duration-seconds', String(Math.round((Date.now() - this.started) / 1000)))
    const reason = error && this.redact(error)
    const failure = failureMessage(results, outcome, reason)
    if (failure) core.setFailed(failure)
    try {
      await this.writeSummary(results, outcome, reason)
    } catch (summaryError) {
      core.warning(`The step summary could not be written: ${(summaryError as Error).message}`)
    }
  }

  /** After a cancellation the restarts go on in the cluster: say where to follow them. */
  private logSubmittedJobs(): void {
    for (const result of this.results) {
      if (result.jobId) {
        core.info(
          `Job ${result.jobId} of ${label(result)} was submitted and goes on in the cluster (last status ${result.status})${result.jobsUrl ? `: ${result.jobsUrl}` : ''}`
        )
      } else if (result.status === REFRESHING) {
        core.warning(
          `The refresh of ${label(result)} was being sent when the run was cancelled: the restart may have started; check the deployment.`
        )
      }
    }
  }

  private async writeSummary(
    results: RestartResult[],
    outcome: Outcome,
    error?: string
  ): Promise<void> {
    if (!process.env.GITHUB_STEP_SUMMARY) return
    const summary = core.summary.addHeading(`ArcGIS deployment restart: ${outcome}`, 3)
    if (this.serverVersion) summary.addRaw(`ArcGIS Enterprise ${cell(this.serverVersion)}`, true)
    if (results.length > 0) {
      summary.addTable([
        ['Deployment', 'Id', 'Job', 'Status', 'Ready', 'Duration'].map((data) => ({
          data,
          header: true
        })),
        ...results.map((result) => [
          [result.name, result.service && `(${result.service})`]
            .filter(Boolean)
            .map((text) => cell(text!))
            .join(' '),
          cell(result.deploymentId),
          cell(result.jobId ?? ''),
          cell(result.status),
          result.ready === null ? '' : result.ready ? 'yes' : 'no',
          result.outcome === 'skipped' ? '' : formatDuration(result.durationSeconds * 1000)
        ])
      ])
    }
    const problems = [
      ...(error ? [error] : []),
      ...results
        .filter((result) => result.error)
        .map((result) => `${label(result)}: ${result.error}`)
    ]
    if (problems.length > 0) {
      summary.addHeading('What went wrong', 4).addList(problems.map(cell))
    }
    await summary.write()
  }
}

function publicResult(result: RestartResult) {
  return {
    deploymentId: result.deploymentId,
    name: result.name ?? null,
    service: result.service ?? null,
    jobId: result.jobId ?? null,
    jobsUrl: result.jobsUrl ?? null,
    status: result.status,
    ready: result.ready,
    durationSeconds: result.durationSeconds,
    error: result.error ?? null
  }
}

function failureMessage(
  results: RestartResult[],
  outcome: Outcome,
  error?: string
): string | undefined {
  if (outcome === 'success' || outcome === 'submitted' || outcome === 'dry-run') return undefined
  const lines = results
    .filter((result) => result.outcome === 'failure' || result.outcome === 'timeout')
    .map((result) => `${label(result)}: ${result.error ?? result.status}`)
  if (error) lines.unshift(error)
  if (outcome === 'cancelled')
    lines.unshift('The run was cancelled; submitted restarts go on in the cluster.')
  if (outcome === 'timeout') lines.unshift('The restart did not finish before the timeout.')
  return lines.join('\n')
}

function label(result: RestartResult): string {
  return describeDeployment(result.name, result.deploymentId)
}

/** Text safe inside a summary table cell or list item. */
function cell(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c)
    .replace(/\r?\n/g, ' ')
}
