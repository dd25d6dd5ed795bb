import * as core from '@actions/core'
import { DeploymentLogs, runnerLogger } from './action-log.js'
import { ArcGISAdminClient, supportsAsyncJobs } from './arcgis-client.js'
import { tokenSourceFor } from './auth.js'
import { CancelledError, Deadline } from './deadline.js'
import { ArcGISRequestError } from './errors.js'
import { PortalHttp } from './http.js'
import { parseInputs, SECRET_INPUTS, type ActionInputs } from './inputs.js'
import { Reporter, overallOutcome } from './report.js'
import { inspectDeployment, restartAll, restartDeployment } from './restart.js'
import { Secrets } from './secrets.js'
import { describeTarget, resolveTargets } from './targets.js'
import { trustCertificates } from './tls.js'

/**
 * Restarts ArcGIS Enterprise on Kubernetes deployments and makes sure they came back: read the inputs, refresh each
 * deployment, poll its job until it ends, check that its pods are ready, then set the outputs, write the step summary
 * and fail the step with the reason when a restart did not succeed.
 */
export async function run(signal?: AbortSignal): Promise<void> {
  const secrets = new Secrets((secret) => core.setSecret(secret))
  for (const name of SECRET_INPUTS) secrets.add(core.getInput(name))
  const reporter = new Reporter((text) => secrets.redact(text))
  const logs = new DeploymentLogs()
  try {
    const inputs = parseInputs((name) => core.getInput(name))
    reporter.setDeploymentIds(inputs.deploymentIds)
    await restartDeployments(inputs, { secrets, reporter, logs, signal })
  } catch (error) {
    logs.closeAll()
    if (error instanceof CancelledError) await reporter.finish('cancelled')
    else
      await reporter.finish(
        reachedDeadline(error) ? 'timeout' : 'failure',
        (error as Error).message
      )
  }
}

interface Run {
  secrets: Secrets
  reporter: Reporter
  logs: DeploymentLogs
  signal?: AbortSignal
}

async function restartDeployments(
  inputs: ActionInputs,
  { secrets, reporter, logs, signal }: Run
): Promise<void> {
  const deadline = new Deadline(inputs.timeoutMs)
  trustCertificates(inputs.caCertificates)
  const http = new PortalHttp({
    portalUrl: inputs.portalUrl,
    logger: runnerLogger,
    deadline,
    requestTimeoutMs: inputs.requestTimeoutMs,
    secrets,
    signal
  })
  const tokens = tokenSourceFor(inputs.credentials, http, inputs.timeoutMs, runnerLogger)
  http.useTokens(tokens)
  const client = new ArcGISAdminClient(http)
  try {
    await tokens.token()
    const version = await readServerVersion(client)
    reporter.setServerVersion(version)
    core.info(`ArcGIS Enterprise ${version ?? '(version not reported)'} at ${inputs.portalUrl}`)
    if (version && !supportsAsyncJobs(version)) {
      core.info(
        `This version has no restart jobs (they came with 10.9.1): each refresh answers when its restart is done, and that answer is the result.`
      )
    }

    const targets = await resolveTargets(client, inputs, runnerLogger)
    reporter.track(targets)
    if (inputs.dryRun) {
      for (const [index, target] of targets.entries()) {
        reporter.update(index, await inspectDeployment(target, client, runnerLogger))
      }
      await reporter.finish('dry-run')
      return
    }

    logs.buffered = inputs.maxConcurrency > 1 && targets.length > 1
    const context = {
      client,
      deadline,
      signal,
      wait: inputs.wait,
      waitForReady: inputs.waitForReady,
      pollIntervalMs: inputs.pollIntervalMs,
      portalOrigin: http.origin,
      synchronousRefresh: version !== undefined && !supportsAsyncJobs(version)
    }
    const results = await restartAll(targets, inputs, (target, index) =>
      logs.within(describeTarget(target), (log) =>
        restartDeployment(
          target,
          { ...context, onChange: (result) => reporter.update(index, result) },
          log
        )
      )
    )
    results.forEach((result, index) => reporter.update(index, result))
    await reporter.finish(overallOutcome(results))
  } finally {
    http.dispose()
  }
}

/**
 * The admin API's version, read once: it decides how refresh answers are read and goes into the summary. A server
 * that refuses to say is not a reason to stop, but a refused token, a missing role or an unreachable portal is.
 */
async function readServerVersion(client: ArcGISAdminClient): Promise<string | undefined> {
  try {
    return (await client.getServerInfo()).version
  } catch (error) {
    const versionUnavailable =
      error instanceof ArcGISRequestError &&
      (error.kind === 'api' || error.kind === 'http') &&
      !error.isAuthError &&
      error.code !== 403 &&
      !error.transient
    if (!versionUnavailable) throw error
    runnerLogger.warning(
      `The admin API did not tell its version (${error.problem}); going on without it.`
    )
    return undefined
  }
}

function reachedDeadline(error: unknown): boolean {
  return error instanceof ArcGISRequestError && error.detail.deadline === true
}
