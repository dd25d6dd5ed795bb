import type { ServerText } from '../common/server-text.js'
import { formatDuration } from '../common/duration.js'
import type { Logger } from '../common/logger.js'
import type { InventoryRow } from './dry-run.js'
import { HEALTH_STATUSES, type Health } from './health.js'
import type { ResultSink, RunEnd } from './engine.js'
import {
  describeResult,
  PENDING,
  pendingResults,
  redactResult,
  SKIPPED,
  REFRESHING,
  UNKNOWN,
  type Outcome,
  type RestartOutcome,
  type RestartResult
} from './results.js'
import type { Target } from './targets.js'
import { stoppedNotChecked } from './verify.js'

/** A finished run, as both faces render it: every text in it redacted. */
export interface RunReportView {
  readonly results: readonly RestartResult[]
  /** A dry run's table of the deployments selected and of those a filter left out. */
  readonly inventory: readonly InventoryRow[]
  readonly version?: ServerText
  readonly outcome: Outcome
  /** Why the run ended, when no single deployment's result says it. */
  readonly error?: string
  readonly durationMs: number
  /** What the user should know of restarts that did not fail, one sentence each. */
  readonly notes: readonly string[]
  /** Why the run did not succeed, one line per cause; undefined when it did. */
  readonly failure?: string
  /** The run in one line, for the end of the log. */
  readonly tally: string
  /** The overall job status, as the `job-status` output and the JSON's `jobStatus` give it. */
  readonly jobStatus: string
  /** The ids of the deployments whose refresh was sent, in order. */
  readonly restarted: readonly string[]
}

/**
 * What the engine reports during a run, kept for its end: both faces render the same report (the action into its
 * outputs, log and step summary; the command into its table and --json). Every text it hands out passes through
 * `redact`, since a server may echo a secret anywhere.
 */
export class RunReport implements ResultSink {
  private readonly started = Date.now()
  private results: RestartResult[] = []
  private inventoryRows: InventoryRow[] = []
  private version?: ServerText

  constructor(private readonly redact: (text: string) => string) {}

  serverVersion(version: ServerText | undefined): void {
    this.version = version
  }

  targets(targets: Target[]): void {
    this.results = pendingResults(targets)
  }

  update(index: number, result: RestartResult): void {
    this.results[index] = result
  }

  inventory(rows: InventoryRow[]): void {
    this.inventoryRows = rows
  }

  /** The results so far, redacted. */
  redactedResults(): RestartResult[] {
    return this.results.map((result) => redactResult(result, this.redact))
  }

  /** The run's end: after a cancellation, `logger` hears where each submitted restart can be followed. */
  finish({ outcome, error }: RunEnd, logger: Logger): RunReportView {
    const durationMs = Date.now() - this.started
    // A restart the cancellation came before is one that was not started, as after a failure with fail-fast.
    const results = this.redactedResults().map((result) =>
      outcome === 'cancelled' && result.status === PENDING
        ? { ...result, status: SKIPPED, error: 'Not restarted: the run was cancelled first' }
        : result
    )
    const reason = error && this.redact(error)
    if (outcome === 'cancelled') logCancellation(results, logger)
    return {
      results,
      inventory: this.inventoryRows,
      version: this.version,
      outcome,
      error: reason,
      durationMs,
      notes: [...resultNotes(results), ...stoppedServiceNotes(results)],
      failure: failureMessage(results, outcome, reason),
      tally: runTally(results, outcome, durationMs),
      jobStatus: overallJobStatus(results, outcome),
      restarted: results.filter(wasRefreshed).map((result) => result.deploymentId)
    }
  }
}

/** The report as one JSON document: the command's --json, whose `results` are also the action's `results` output. */
export function publicReport(report: RunReportView) {
  return {
    outcome: report.outcome,
    // A run that ran no restart job (a dry run, one that ended before any refresh) has no job status, not an empty one.
    ...(report.jobStatus !== '' && { jobStatus: report.jobStatus }),
    error: report.failure ?? null,
    serverVersion: report.version ?? null,
    durationSeconds: Math.round(report.durationMs / 1000),
    restarted: report.restarted,
    results: report.results.map(publicResult),
    ...(report.outcome === 'dry-run' && { deployments: report.inventory.map(inventoryEntry) })
  }
}

/** The columns of the results table, as both faces show it. */
export const RESULT_COLUMNS = ['Deployment', 'Id', 'Job', 'Status', 'Ready', 'Verified', 'Duration']

/** A result's cells, in the order of RESULT_COLUMNS; '' where nothing is known. */
export function resultCells(result: RestartResult): string[] {
  return [
    [result.name, result.service && `(${result.service})`].filter(Boolean).join(' '),
    result.deploymentId,
    String(result.jobId ?? ''),
    result.status,
    yesNo(result.ready),
    yesNo(result.verified),
    result.outcome === 'skipped' ? '' : formatDuration(result.durationSeconds * 1000)
  ]
}

/** `yes`, `no`, or '' when it was not checked. */
function yesNo(value: boolean | null): string {
  return value === null ? '' : value ? 'yes' : 'no'
}

/**
 * COMPLETED when every job completed, else the status of the first that did not; SUBMITTED without waiting. The
 * deployments a health check left alone ran no job: they do not count, and when none restarted it is ''.
 */
export function overallJobStatus(results: RestartResult[], outcome: Outcome): string {
  if (outcome === 'submitted') return 'SUBMITTED'
  const restarts = results.filter((result) => !HEALTH_STATUSES.includes(result.status))
  if (outcome === 'dry-run' || restarts.length === 0) return ''
  return restarts.find((result) => result.status !== 'COMPLETED')?.status ?? 'COMPLETED'
}

/** Whether its refresh was sent (or being sent): neither left alone, nor skipped, nor a dry run. */
function wasRefreshed(result: RestartResult): boolean {
  return result.outcome !== 'skipped' && result.outcome !== 'dry-run'
}

/** A result as the `results` output and the command's JSON show it: every field present, null when unknown. */
function publicResult(result: RestartResult) {
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
    error: result.error ?? null,
    messages: keptMessages(result.messages ?? []),
    stoppedServices: result.stoppedServices ?? [],
    note: result.note ?? null,
    health: result.health?.verdict ?? null,
    healthReason: result.health?.reason ?? null
  }
}

/** How much of a failed job's messages `results` keeps for each deployment, in characters. */
export const KEPT_MESSAGES_LENGTH = 16 * 1024

/**
 * A job's messages as data, exactly as the server sent them, up to KEPT_MESSAGES_LENGTH characters in all (the last
 * one kept cut there): a server can send megabytes, and an output is read by later steps.
 */
function keptMessages(messages: readonly ServerText[]): string[] {
  const kept: string[] = []
  let room = KEPT_MESSAGES_LENGTH
  for (const [index, message] of messages.entries()) {
    if (room <= 0) {
      kept.push(`… ${messages.length - index} more messages not kept`)
      break
    }
    kept.push(message.raw.slice(0, room))
    room -= message.raw.length
  }
  return kept
}

/** Why the run did not succeed, one line per cause, or undefined when it did. */
function failureMessage(
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
function resultNotes(results: RestartResult[]): string[] {
  return results
    .filter((result) => result.note && !result.error)
    .map((result) => `${describeResult(result)}: ${result.note}`)
}

/** The services that verification left out because they are stopped, one line per deployment. */
function stoppedServiceNotes(results: RestartResult[]): string[] {
  return results.flatMap(({ stoppedServices = [], ...result }) =>
    stoppedServices.length > 0
      ? [`${describeResult(result)}: ${stoppedNotChecked(stoppedServices)}`]
      : []
  )
}

/** After a cancellation the restarts go on in the cluster: says where to follow each one. */
function logCancellation(results: RestartResult[], logger: Logger): void {
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

/**
 * The run in one line, for the end of the log: `3 of 3 deployments restarted in 2m10s`. A restart whose job record
 * was lost succeeded on its pods' readiness alone: it is told as what was seen, `ready again`, never as `restarted`.
 */
export function runTally(results: RestartResult[], outcome: Outcome, durationMs: number): string {
  const took = formatDuration(durationMs)
  if (results.some((result) => result.health)) return healthTally(results, outcome, took)
  const total = deployments(results.length)
  if (outcome === 'dry-run') return `Dry run: ${total} would restart; none restarted (${took})`
  if (results.length === 0) return `No deployment restarted (${outcome} after ${took})`
  const { lead, tail } = restartsTold(results, ` of ${total}`)
  if (outcome === 'cancelled') return `${lead} before the run was cancelled after ${took}${tail}`
  const others = otherOutcomes(results)
  return `${lead} in ${took}${others.length ? ` (${others.join(', ')})` : ''}${tail}`
}

function deployments(count: number): string {
  return `${count} deployment${count === 1 ? '' : 's'}`
}

/**
 * The restarts that succeeded, as what was seen: `2 of 3 restarted`, or `ready again` for those whose job could not
 * be followed, which the tail says (`of` is what they are counted of, `' of 3 deployments'` or '').
 */
function restartsTold(results: RestartResult[], of: string): { lead: string; tail: string } {
  const unfollowed = results.filter(jobNotFollowed).length
  const seen = results.filter((result) => result.outcome === 'success').length - unfollowed
  const lead =
    unfollowed === 0
      ? `${seen}${of} restarted`
      : seen === 0
        ? `${unfollowed}${of} ready again`
        : `${seen}${of} restarted and ${unfollowed} ready again`
  const tail =
    unfollowed === 0
      ? ''
      : seen === 0
        ? `; ${unfollowed === 1 ? 'its restart job' : 'their restart jobs'} could not be followed`
        : `; the restart job of ${unfollowed === 1 ? 'the one' : 'those'} ready again could not be followed`
  return { lead, tail }
}

/** `1 failed, 2 skipped`: the restarts that did not succeed, by outcome. */
function otherOutcomes(results: RestartResult[]): string[] {
  const count = (wanted: RestartOutcome) =>
    results.filter((result) => result.outcome === wanted).length
  return (
    [
      ['submitted', 'submitted, not awaited'],
      ['failure', 'failed'],
      ['timeout', 'timed out'],
      ['skipped', 'skipped']
    ] as const
  )
    .filter(([wanted]) => count(wanted) > 0)
    .map(([wanted, what]) => `${count(wanted)} ${what}`)
}

/** A restart that succeeded although its job was not seen to complete (its record was lost): the pods decided. */
function jobNotFollowed(result: RestartResult): boolean {
  return result.outcome === 'success' && result.status === UNKNOWN
}

/**
 * A run of restart-if: unhealthy in one line: `12 deployments checked: 11 healthy, 1 restarted
 * (parcels-featureserver: 0/1 pods ready) in 2m10s`. Only the unhealthy ones' outcomes are restarts: the healthy and
 * the stopped were left alone.
 */
function healthTally(results: RestartResult[], outcome: Outcome, took: string): string {
  const withVerdict = (verdict: Health) =>
    results.filter((result) => result.health?.verdict === verdict)
  const why = (some: RestartResult[]) =>
    some
      .map((result) => `${result.name ?? result.deploymentId}: ${result.health?.reason}`)
      .join('; ')
  const healthy = withVerdict('healthy').length
  const stopped = withVerdict('stopped').length
  const unhealthy = withVerdict('unhealthy')
  const parts = [
    unhealthy.length === 0 && stopped === 0 ? 'all healthy' : `${healthy} healthy`,
    ...(stopped > 0 ? [`${stopped} stopped, left alone`] : [])
  ]
  const refreshed = unhealthy.filter(wasRefreshed)
  let tail = ''
  if (unhealthy.length === 0) {
    parts.push('none restarted')
  } else if (outcome === 'dry-run') {
    parts.push(`${unhealthy.length} would restart (${why(unhealthy)})`)
  } else if (refreshed.length === 0) {
    parts.push(`${unhealthy.length} unhealthy, none restarted (${why(unhealthy)})`)
  } else {
    const succeeded = unhealthy.filter((result) => result.outcome === 'success')
    const told = restartsTold(unhealthy, '')
    tail = told.tail
    parts.push(
      `${told.lead}${succeeded.length ? ` (${why(succeeded)})` : ''}`,
      ...otherOutcomes(unhealthy)
    )
  }
  const prefix = outcome === 'dry-run' ? 'Dry run: ' : ''
  const end = outcome === 'cancelled' ? `, then the run was cancelled after ${took}` : ` in ${took}`
  return `${prefix}${deployments(results.length)} checked: ${parts.join(', ')}${end}${tail}`
}

/** A row of a dry run's table, for the JSON document: what a script needs to find a deployment's id. */
function inventoryEntry({ deployment, replicasReady, wouldRestart }: InventoryRow) {
  return {
    deploymentId: deployment.id,
    name: deployment.name ?? null,
    type: deployment.type ?? null,
    mode: deployment.mode ?? null,
    configuredState: deployment.configuredState ?? null,
    replicasReady,
    wouldRestart
  }
}
