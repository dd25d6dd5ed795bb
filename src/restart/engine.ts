import type { ServerText } from '../common/server-text.js'
import { ArcGISAdminClient, supportsAsyncJobs } from '../arcgis/admin-client.js'
import { tokenSourceFor } from '../arcgis/auth.js'
import { PortalHttp } from '../arcgis/http.js'
import { ArcGISRequestError } from '../arcgis/request-error.js'
import { trustCertificates } from '../arcgis/tls.js'
import { CancelledError } from '../common/cancellation.js'
import { Deadline } from '../common/deadline.js'
import type { Logger } from '../common/logger.js'
import type { Secrets } from '../common/secrets.js'
import type { RestartInputs } from './restart-inputs.js'
import { dryRun, type InventoryRow } from './dry-run.js'
import { firstContact, PortalUnusableError } from './first-contact.js'
import { restartAll } from './restart-all.js'
import { restartDeployment } from './restart-deployment.js'
import {
  brakeReason,
  checkHealth,
  HealthCheckError,
  logHealthTable,
  type HealthVerdict
} from './health.js'
import { overallOutcome, PENDING, resultFor, type Outcome, type RestartResult } from './results.js'
import { describeTarget, resolveTargets, TargetsError, type Target } from './targets.js'
import { planChecks } from './verify.js'

/** Where the engine reports what it learns, as soon as it learns it (the action turns each into outputs). */
export interface ResultSink {
  serverVersion(version: ServerText | undefined): void
  /** The deployments to restart, in order, services resolved. */
  targets(targets: Target[]): void
  /** The result so far of the deployment at `index`. */
  update(index: number, result: RestartResult): void
  /** A dry run's table of the deployments selected and of those a filter left out. */
  inventory(rows: InventoryRow[]): void
}

/** How a face presents one deployment's lines: a log group, a prefix. */
export type DeploymentLog = <T>(
  label: string,
  /** True when other restarts run at the same time, so lines of several deployments interleave. */
  concurrent: boolean,
  work: (log: Logger) => Promise<T>
) => Promise<T>

export interface EngineIO {
  logger: Logger
  deploymentLog: DeploymentLog
  sink: ResultSink
  /** Secrets met on the way (generated tokens) are added here; the faces redact with it. */
  secrets: Secrets
  signal?: AbortSignal
}

/** How a run ended; `error` says why when no single deployment's result does. */
export interface RunEnd {
  outcome: Outcome
  error?: string
  /**
   * True when the run ended before its first contact with the portal succeeded (unreachable, not the admin API, a
   * classic ArcGIS Enterprise, credentials refused): nothing was restarted, and the command exits 3.
   */
  couldNotStart?: boolean
}

/**
 * Restarts ArcGIS Enterprise on Kubernetes deployments and makes sure they came back: authenticate, read the server's
 * version, resolve the targets, refresh each deployment, poll its job until it ends, check that its pods are ready and
 * that its services answer.
 * Never throws: every way a run can end is a RunEnd.
 */
export async function restartDeployments(inputs: RestartInputs, io: EngineIO): Promise<RunEnd> {
  const progress = { contacted: false }
  try {
    return await run(inputs, io, progress)
  } catch (error) {
    if (error instanceof CancelledError) return { outcome: 'cancelled' }
    if (!(
      error instanceof ArcGISRequestError ||
      error instanceof PortalUnusableError ||
      error instanceof HealthCheckError ||
      error instanceof TargetsError
    )) {
      io.logger.debug(() => `Unexpected error: ${(error as Error).stack ?? String(error)}`)
    }
    return {
      outcome: reachedDeadline(error) ? 'timeout' : 'failure',
      error: (error as Error).message,
      ...(!progress.contacted && { couldNotStart: true })
    }
  }
}

async function run(
  inputs: RestartInputs,
  { logger, deploymentLog, sink, secrets, signal }: EngineIO,
  progress: { contacted: boolean }
): Promise<RunEnd> {
  for (const notice of inputs.notices) logger.warning(notice)
  const deadline = new Deadline(inputs.timeoutMs)
  trustCertificates(inputs.caCertificates)
  const http = new PortalHttp({
    portalUrl: inputs.portalUrl,
    logger,
    deadline,
    requestTimeoutMs: inputs.requestTimeoutMs,
    secrets,
    signal,
    words: inputs.vocabulary
  })
  const tokens = tokenSourceFor(inputs.credentials, http, inputs.timeoutMs, logger)
  http.useTokens(tokens)
  const client = new ArcGISAdminClient(http)
  try {
    const version = await firstContact(
      { url: inputs.portalUrl, http, tokens, client },
      inputs.timeoutMs,
      logger,
      inputs.vocabulary
    )
    progress.contacted = true
    sink.serverVersion(version)
    logger.info(`ArcGIS Enterprise ${version ?? '(version not reported)'} at ${inputs.portalUrl}`)
    if (version && !supportsAsyncJobs(version.raw)) {
      logger.info(
        `This version has no restart jobs (they came with 10.9.1): each refresh answers when its restart is done, and that answer is the result.`
      )
    }

    const selection = await resolveTargets(client, inputs, version?.raw, logger)
    const { targets } = selection
    sink.targets(targets)
    const healing = inputs.restartIf === 'unhealthy' && targets.length > 0
    if (inputs.dryRun && !healing) {
      sink.inventory(
        await dryRun(selection, client, logger, (index, result) => sink.update(index, result))
      )
      return { outcome: 'dry-run' }
    }
    if (targets.length === 0) {
      const allowed = inputs.vocabulary.set('allow-empty', 'true')
      logger.info(`No deployment to restart: the filters matched none, as ${allowed} allows.`)
      return { outcome: 'success' }
    }
    const verifying = inputs.verify && inputs.wait && inputs.waitForReady
    const checks =
      verifying || (healing && inputs.verify)
        ? await planChecks(targets, inputs, client, logger)
        : undefined

    let restarting = targets.map((_, index) => index)
    let health: HealthVerdict[] | undefined
    if (healing) {
      health = await checkHealth(
        targets,
        inputs.verify ? checks : undefined,
        {
          client,
          deadline,
          signal,
          maxConcurrency: inputs.maxConcurrency,
          words: inputs.vocabulary
        },
        logger
      )
      const end = judge(targets, health, inputs, sink, logger)
      if (end) return end
      restarting = restarting.filter((index) => health?.[index].verdict === 'unhealthy')
    }

    const chosen = restarting.map((index) => targets[index])
    const concurrent = inputs.maxConcurrency > 1 && chosen.length > 1
    const context = {
      client,
      deadline,
      signal,
      wait: inputs.wait,
      waitForReady: inputs.waitForReady,
      pollIntervalMs: inputs.pollIntervalMs,
      portalUrl: inputs.portalUrl,
      words: inputs.vocabulary,
      synchronousRefresh: version !== undefined && !supportsAsyncJobs(version.raw)
    }
    // Results are updated in place as a restart goes on: the verdict goes into the same object.
    const report = (index: number, result: RestartResult) => {
      if (health) result.health = health[index]
      sink.update(index, result)
    }
    const results = await restartAll(chosen, inputs, (target, position) =>
      deploymentLog(describeTarget(target), concurrent, (log) =>
        restartDeployment(
          target,
          {
            ...context,
            checks: verifying ? checks?.[restarting[position]] : undefined,
            onChange: (result) => report(restarting[position], result)
          },
          log
        )
      )
    )
    results.forEach((result, position) => report(restarting[position], result))
    return { outcome: overallOutcome(results) }
  } finally {
    http.dispose()
  }
}

/**
 * Reports every verdict and logs the health table; the run's end when nothing is to restart (all healthy, a dry
 * run, the brake), else undefined: the unhealthy are restarted.
 */
function judge(
  targets: Target[],
  health: HealthVerdict[],
  inputs: Pick<RestartInputs, 'dryRun' | 'maxUnhealthy' | 'vocabulary'>,
  sink: ResultSink,
  logger: Logger
): RunEnd | undefined {
  const brake = brakeReason(targets, health, inputs.maxUnhealthy, inputs.vocabulary)
  const unhealthyFields: Pick<RestartResult, 'status' | 'outcome'> = brake
    ? { status: 'UNHEALTHY', outcome: 'skipped' }
    : inputs.dryRun
      ? { status: 'NOT RESTARTED', outcome: 'dry-run' }
      : { status: PENDING, outcome: 'skipped' }
  const results = targets.map((target, index) => {
    const { verdict } = health[index]
    const fields: Pick<RestartResult, 'status' | 'outcome'> =
      verdict === 'healthy'
        ? { status: 'HEALTHY', outcome: 'skipped' }
        : verdict === 'stopped'
          ? { status: 'STOPPED', outcome: 'skipped' }
          : unhealthyFields
    return resultFor(target, { ...fields, health: health[index] })
  })
  logHealthTable(results, logger)
  results.forEach((result, index) => sink.update(index, result))
  const unhealthy = health.filter((verdict) => verdict.verdict === 'unhealthy').length
  if (brake && !inputs.dryRun) return { outcome: 'failure', error: brake }
  if (brake) logger.warning(`The brake would stop this run: ${brake}`)
  if (inputs.dryRun) {
    logger.info(`Dry run: ${brake ? 0 : unhealthy} would restart; none restarted.`)
    return { outcome: 'dry-run' }
  }
  if (unhealthy > 0) return undefined
  const stopped = health.length - health.filter((verdict) => verdict.verdict === 'healthy').length
  logger.info(
    stopped === 0
      ? 'Every deployment checked is healthy: nothing to restart.'
      : `No deployment checked is unhealthy (${stopped} stopped, left alone): nothing to restart.`
  )
  return { outcome: 'success' }
}

function reachedDeadline(error: unknown): boolean {
  return error instanceof ArcGISRequestError && error.detail.deadline === true
}
