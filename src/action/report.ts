import * as core from '@actions/core'
import { formatDuration } from '../common/duration.js'
import { INVENTORY_COLUMNS, inventoryCells, type InventoryRow } from '../restart/dry-run.js'
import type { ResultSink, RunEnd } from '../restart/engine.js'
import {
  logCancellation,
  describeResult,
  failureMessage,
  jobUrl,
  overallJobStatus,
  pendingResults,
  publicResult,
  redactResult,
  resultNotes,
  runTally,
  type Outcome,
  type RestartResult
} from '../restart/results.js'
import type { Target } from '../restart/targets.js'
import { runnerLogger } from './action-log.js'

/**
 * Sets the outputs as soon as each value is known, so they exist even when the step fails or is cancelled, and
 * writes the step summary once at the end. Every output is set on every path, empty where nothing is known, so that
 * a step reading them finds each one whatever happened. Everything it writes passes through `redact`.
 */
export class Reporter implements ResultSink {
  private readonly started = Date.now()
  private results: RestartResult[] = []
  private inventoryRows: InventoryRow[] = []
  private version?: string
  private portalUrl?: string
  private finished = false
  private jobIdsWritten?: string
  /** The outputs known only part way through a run, until they are set. */
  private readonly unset = new Set(['deployment-id', 'job-id', 'jobs-url', 'server-version'])

  constructor(private readonly redact: (text: string) => string) {}

  /** What the inputs tell before anything is sent: the deployments as they name them (until resolved), the portal. */
  start({ deployments, portalUrl }: { deployments: string[]; portalUrl: string }): void {
    this.portalUrl = portalUrl
    this.setDeploymentIds(deployments)
  }

  private setDeploymentIds(ids: string[]): void {
    this.setOutput('deployment-id', ids.join(','))
  }

  targets(targets: Target[]): void {
    this.results = pendingResults(targets)
    this.setDeploymentIds(this.results.map((result) => result.deploymentId))
    this.setJobOutputs()
  }

  /** A new job id reaches the outputs right away. */
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
    this.setOutput('job-id', jobIds)
    this.setOutput('jobs-url', results.map((result) => result.jobsUrl ?? '').join(','))
  }

  private redacted(): RestartResult[] {
    return this.results.map((result) => redactResult(result, this.redact))
  }

  inventory(rows: InventoryRow[]): void {
    this.inventoryRows = rows
  }

  serverVersion(version: string | undefined): void {
    this.version = version
    this.setOutput('server-version', version ?? '')
  }

  private setOutput(name: string, value: string): void {
    core.setOutput(name, value)
    this.unset.delete(name)
  }

  /** Writes the final outputs and the summary, once, and fails the step unless the outcome is a good one. */
  async finish({ outcome, error }: RunEnd): Promise<void> {
    if (this.finished) return
    this.finished = true
    if (outcome === 'cancelled') logCancellation(this.results, runnerLogger)
    const results = this.redacted()
    core.setOutput('job-status', overallJobStatus(results, outcome))
    core.setOutput('outcome', outcome)
    core.setOutput('results', JSON.stringify(results.map(publicResult)))
    core.setOutput('duration-seconds', String(Math.round((Date.now() - this.started) / 1000)))
    for (const name of this.unset) this.setOutput(name, '')
    const reason = error && this.redact(error)
    const failure = failureMessage(results, outcome, reason)
    if (failure) core.setFailed(failure)
    try {
      await this.writeSummary(results, outcome, reason)
    } catch (summaryError) {
      core.warning(`The step summary could not be written: ${(summaryError as Error).message}`)
    }
    core.info(runTally(results, outcome, Date.now() - this.started))
  }

  /** The job id, linked to the job under the portal URL (never to a host the server named). */
  private jobCell(jobId: string | undefined): string {
    if (!jobId) return ''
    if (!this.portalUrl) return cell(jobId)
    return `<a href="${cell(jobUrl(this.portalUrl, jobId)).replace(/"/g, '&quot;')}">${cell(jobId)}</a>`
  }

  private async writeSummary(
    results: RestartResult[],
    outcome: Outcome,
    error?: string
  ): Promise<void> {
    if (!process.env.GITHUB_STEP_SUMMARY) return
    const summary = core.summary.addHeading(`ArcGIS deployment restart: ${outcome}`, 3)
    if (this.version) summary.addRaw(`ArcGIS Enterprise ${cell(this.version)}`, true)
    if (results.length === 0 && outcome === 'success') {
      summary.addRaw('No deployment matched: nothing was restarted (allow-empty is true).', true)
    }
    if (results.length > 0) {
      summary.addTable([
        headerRow(['Deployment', 'Id', 'Job', 'Status', 'Ready', 'Verified', 'Duration']),
        ...results.map((result) => [
          [result.name, result.service && `(${result.service})`]
            .filter(Boolean)
            .map((text) => cell(text!))
            .join(' '),
          cell(result.deploymentId),
          this.jobCell(result.jobId),
          cell(result.status),
          yesNo(result.ready),
          yesNo(result.verified),
          result.outcome === 'skipped' ? '' : formatDuration(result.durationSeconds * 1000)
        ])
      ])
    }
    if (this.inventoryRows.length > 0) {
      summary
        .addHeading('Deployments', 4)
        .addTable([
          headerRow(INVENTORY_COLUMNS),
          ...this.inventoryRows.map((row) => inventoryCells(row).map(cell))
        ])
    }
    const problems = [
      ...(error ? [error] : []),
      ...results
        .filter((result) => result.error)
        .map((result) => `${describeResult(result)}: ${result.error}`)
    ]
    if (problems.length > 0) {
      summary.addHeading('What went wrong', 4).addList(problems.map(cell))
    }
    const notes = resultNotes(results)
    if (notes.length > 0) summary.addHeading('Worth knowing', 4).addList(notes.map(cell))
    await summary.write()
  }
}

function headerRow(titles: string[]) {
  return titles.map((data) => ({ data, header: true }))
}

function yesNo(value: boolean | null): string {
  return value === null ? '' : value ? 'yes' : 'no'
}

/** Text safe inside a summary table cell or list item. */
function cell(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c)
    .replace(/\r?\n/g, ' ')
}
