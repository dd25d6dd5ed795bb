import type { ServerText } from '../common/server-text.js'
import * as core from '@actions/core'
import { INVENTORY_COLUMNS, inventoryCells, type InventoryRow } from '../restart/dry-run.js'
import type { ResultSink, RunEnd } from '../restart/engine.js'
import { HEALTH_COLUMNS, healthCells } from '../restart/health.js'
import { describeResult, jobUrl, type RestartResult } from '../restart/results.js'
import {
  publicReport,
  RESULT_COLUMNS,
  resultCells,
  RunReport,
  type RunReportView
} from '../restart/run-report.js'
import type { Target } from '../restart/targets.js'
import { runnerLogger } from './action-log.js'

/**
 * The action's face of the run report: sets the outputs as soon as each value is known, so they exist even when the
 * step fails or is cancelled, and writes the step summary once at the end. Every output is set on every path, empty
 * where nothing is known, so that a step reading them finds each one whatever happened.
 */
export class Reporter implements ResultSink {
  private readonly report: RunReport
  private portalUrl?: string
  private finished = false
  private jobIdsWritten?: string
  /** The outputs known only part way through a run, until they are set. */
  private readonly unset = new Set(['deployment-id', 'job-id', 'jobs-url', 'server-version'])

  constructor(redact: (text: string) => string) {
    this.report = new RunReport(redact)
  }

  /** What the inputs tell before anything is sent: the deployments as they name them (until resolved), the portal. */
  start({ deployments, portalUrl }: { deployments: string[]; portalUrl: string }): void {
    this.portalUrl = portalUrl
    this.setDeploymentIds(deployments)
  }

  private setDeploymentIds(ids: string[]): void {
    this.setOutput('deployment-id', ids.join(','))
  }

  targets(targets: Target[]): void {
    this.report.targets(targets)
    this.setDeploymentIds(this.report.redactedResults().map((result) => result.deploymentId))
    this.setJobOutputs()
  }

  /** A new job id reaches the outputs right away. */
  update(index: number, result: RestartResult): void {
    this.report.update(index, result)
    this.setJobOutputs()
  }

  /** Sets job-id and jobs-url when they changed (results are updated in place as restarts go on). */
  private setJobOutputs(): void {
    const results = this.report.redactedResults()
    const jobIds = results.map((result) => result.jobId ?? '').join(',')
    if (jobIds === this.jobIdsWritten) return
    this.jobIdsWritten = jobIds
    this.setOutput('job-id', jobIds)
    this.setOutput('jobs-url', results.map((result) => result.jobsUrl ?? '').join(','))
  }

  inventory(rows: InventoryRow[]): void {
    this.report.inventory(rows)
  }

  serverVersion(version: ServerText | undefined): void {
    this.report.serverVersion(version)
    this.setOutput('server-version', version?.raw ?? '')
  }

  private setOutput(name: string, value: string): void {
    core.setOutput(name, value)
    this.unset.delete(name)
  }

  /** Writes the final outputs and the summary, once, and fails the step unless the outcome is a good one. */
  async finish(end: RunEnd): Promise<void> {
    if (this.finished) return
    this.finished = true
    const view = this.report.finish(end, runnerLogger)
    const document = publicReport(view)
    core.setOutput('job-status', view.jobStatus)
    core.setOutput('outcome', view.outcome)
    core.setOutput('results', JSON.stringify(document.results))
    core.setOutput('restarted', document.restarted.join(','))
    core.setOutput('duration-seconds', String(document.durationSeconds))
    for (const name of this.unset) this.setOutput(name, '')
    if (view.failure) core.setFailed(view.failure)
    try {
      await this.writeSummary(view)
    } catch (summaryError) {
      core.warning(`The step summary could not be written: ${(summaryError as Error).message}`)
    }
    core.info(view.tally)
  }

  /**
   * The job id, linked to the job under the portal URL (never to a host the server named): the only link the
   * summary has. cell() escapes the quote too, since one can reach the attribute: the URL parser percent-encodes `"`
   * in a path and encodeURIComponent in the job id, but keeps it in a host (`https://a"b.example/arcgis`).
   */
  private jobCell(jobId: ServerText | undefined): string {
    if (!jobId) return ''
    if (!this.portalUrl) return cell(String(jobId))
    return `<a href="${cell(jobUrl(this.portalUrl, jobId))}">${cell(String(jobId))}</a>`
  }

  private async writeSummary({
    results,
    inventory,
    version,
    outcome,
    error,
    notes,
    tally
  }: RunReportView): Promise<void> {
    if (!process.env.GITHUB_STEP_SUMMARY) return
    const summary = core.summary.addHeading(`ArcGIS deployment restart: ${outcome}`, 3)
    if (version) summary.addRaw(`ArcGIS Enterprise ${cell(String(version))}`, true)
    if (results.length === 0 && outcome === 'success') {
      summary.addRaw('No deployment matched: nothing was restarted (allow-empty is true).', true)
    }
    if (results.some((result) => result.health)) {
      summary
        .addHeading('Health', 4)
        .addTable([
          headerRow(HEALTH_COLUMNS),
          ...results.map((result) => healthCells(result).map(cell))
        ])
    }
    if (results.length > 0) {
      summary.addTable([
        headerRow(RESULT_COLUMNS),
        ...results.map((result) => {
          const cells = resultCells(result).map(cell)
          cells[RESULT_COLUMNS.indexOf('Job')] = this.jobCell(result.jobId)
          return cells
        })
      ])
      summary.addRaw(cell(tally), true)
    }
    if (inventory.length > 0) {
      summary
        .addHeading('Deployments', 4)
        .addTable([
          headerRow(INVENTORY_COLUMNS),
          ...inventory.map((row) => inventoryCells(row).map(cell))
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
    if (notes.length > 0) summary.addHeading('Worth knowing', 4).addList(notes.map(cell))
    const length = summary.stringify().length
    if (length > SUMMARY_LIMIT) {
      summary
        .emptyBuffer()
        .addHeading(`ArcGIS deployment restart: ${outcome}`, 3)
        .addRaw(
          `The summary of this run would be ${length} characters, over GitHub's limit: the log and the results output have the details.`,
          true
        )
    }
    await summary.write()
  }
}

function headerRow(titles: string[]) {
  return titles.map((data) => ({ data, header: true }))
}

/**
 * GitHub drops a step summary over 1 MiB. Each server text in it is an excerpt and each list of messages is short, so
 * only a run of very many deployments comes near; it then gets a summary that says where the details are.
 */
const SUMMARY_LIMIT = 512 * 1024

/** What GitHub's Markdown would read as HTML, a link, an image, a code span or a table's edge. */
const MARKUP = /[&<>"[\]!`|]/g
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '[': '&#91;',
  ']': '&#93;',
  '!': '&#33;',
  '`': '&#96;',
  '|': '&#124;'
}

/** Text inert inside a summary table cell or list item: no markup, and one line. */
function cell(text: string): string {
  return text
    .replace(MARKUP, (char) => ENTITIES[char] ?? char)
    .replace(/\r\n|[\n\r\u2028\u2029]/g, ' ')
}
