import { INPUT_VOCABULARY } from './vocabulary.js'
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
import { overallOutcome, type Outcome, type RestartResult } from './results.js'
import { describeTarget, resolveTargets, type Target } from './targets.js'
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
    if (!(error instanceof ArcGISRequestError || error instanceof PortalUnusableError)) {
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
    signal
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
    if (inputs.dryRun) {
      sink.inventory(
        await dryRun(selection, client, logger, (index, result) => sink.update(index, result))
      )
      return { outcome: 'dry-run' }
    }
    if (targets.length === 0) {
      const allowed = (inputs.vocabulary ?? INPUT_VOCABULARY).set('allow-empty', 'true')
      logger.info(`No deployment to restart: the filters matched none, as ${allowed} allows.`)
      return { outcome: 'success' }
    }
    const verifying = inputs.verify && inputs.wait && inputs.waitForReady
    const checks = verifying ? await planChecks(targets, inputs, client, logger) : undefined

    const concurrent = inputs.maxConcurrency > 1 && targets.length > 1
    const context = {
      client,
      deadline,
      signal,
      wait: inputs.wait,
      waitForReady: inputs.waitForReady,
      pollIntervalMs: inputs.pollIntervalMs,
      portalUrl: inputs.portalUrl,
      synchronousRefresh: version !== undefined && !supportsAsyncJobs(version.raw)
    }
    const results = await restartAll(targets, inputs, (target, index) =>
      deploymentLog(describeTarget(target), concurrent, (log) =>
        restartDeployment(
          target,
          { ...context, checks: checks?.[index], onChange: (result) => sink.update(index, result) },
          log
        )
      )
    )
    results.forEach((result, index) => sink.update(index, result))
    return { outcome: overallOutcome(results) }
  } finally {
    http.dispose()
  }
}

function reachedDeadline(error: unknown): boolean {
  return error instanceof ArcGISRequestError && error.detail.deadline === true
}
