import type { ArcGISAdminClient, DeploymentStatus } from '../arcgis/admin-client.js'
import { jobPhase } from '../arcgis/job-status.js'
import { ArcGISRequestError } from '../arcgis/request-error.js'
import { CancelledError } from '../common/cancellation.js'
import type { Logger } from '../common/logger.js'
import { pollWithin, type PollContext } from './poll.js'
import { describeStatus, isReady } from './readiness.js'
import { REFRESHING, resultFor, type RestartResult } from './results.js'
import { describeTarget, type Target } from './targets.js'
import { verifyTarget, type Checks } from './verify.js'

export interface RestartContext extends PollContext {
  client: ArcGISAdminClient
  wait: boolean
  waitForReady: boolean
  portalOrigin: string
  /** A server without restart jobs (before 10.9.1) answers the refresh only when the restart is done. */
  synchronousRefresh: boolean
  /** What to check once the pods are ready; undefined when verify is off. */
  checks?: Checks
  /** Called when the refresh goes out and when its job is known, so the outputs have it even if the step dies. */
  onChange: (result: RestartResult) => void
}

type JobEnd = { kind: 'completed' } | { kind: 'failed'; status: string; error: string }

/** Restarts one deployment: refresh, wait for its job, then for its pods. Never throws but on cancellation. */
export async function restartDeployment(
  target: Target,
  context: RestartContext,
  logger: Logger
): Promise<RestartResult> {
  const now = context.now ?? Date.now
  const started = now()
  const result = resultFor(target, { status: REFRESHING, outcome: 'failure' })
  const finish = (changes: Partial<RestartResult>): RestartResult => {
    Object.assign(result, changes, { durationSeconds: Math.round((now() - started) / 100) / 10 })
    return result
  }

  try {
    logger.info(`Refreshing deployment ${describeTarget(target)}`)
    context.onChange(result)
    const answer = await context.client.refreshDeployment(
      target.deployment.id,
      context.synchronousRefresh ? context.deadline.remaining() : undefined
    )
    if (answer.kind === 'done') {
      logger.info('The server restarted it synchronously (it has no restart jobs).')
      result.status = 'COMPLETED'
      if (!context.wait) return finish({ outcome: 'success' })
    } else {
      Object.assign(result, {
        jobId: answer.jobId,
        jobsUrl: answer.jobsUrl,
        status: answer.status.toUpperCase()
      })
      logger.info(`Job ${answer.jobId} submitted${answer.jobsUrl ? `: ${answer.jobsUrl}` : ''}`)
      if (answer.jobsUrl && !sameOrigin(answer.jobsUrl, context.portalOrigin)) {
        logger.info(
          `The job URL names another host; the job is polled through portal-url (${context.portalOrigin}), never through that host.`
        )
      }
      context.onChange(result)
      if (!context.wait) return finish({ outcome: 'submitted' })

      const end = await waitForJob(
        answer.jobId,
        context,
        logger,
        (status) => (result.status = status)
      )
      if (end.kind === 'timeout') {
        return finish({
          outcome: 'timeout',
          error: `Job ${answer.jobId} did not end before the timeout (last status ${result.status})`
        })
      }
      if (end.value.kind === 'failed') {
        return finish({ status: end.value.status, outcome: 'failure', error: end.value.error })
      }
      result.status = 'COMPLETED'
      logger.info(`Job ${answer.jobId} completed`)
    }
    if (!context.waitForReady) return finish({ outcome: 'success' })

    const readiness = await waitForReady(target, context, logger)
    if (readiness.kind === 'timeout') {
      return finish({
        ready: false,
        outcome: 'timeout',
        error: `The pods were not ready before the timeout (${readiness.lastState ?? 'no status seen'})`
      })
    }
    logger.info('All pods are ready')
    result.ready = true
    if (!context.checks) return finish({ outcome: 'success' })

    const verification = await verifyTarget(context.checks, context, logger)
    if (verification.kind === 'timeout') {
      return finish({ verified: false, outcome: 'timeout', error: verification.error })
    }
    return finish({ verified: verification.kind === 'verified' ? true : null, outcome: 'success' })
  } catch (error) {
    if (error instanceof CancelledError) throw error
    const timedOut = error instanceof ArcGISRequestError && error.detail.deadline === true
    return finish({
      status: result.status === REFRESHING ? 'ERROR' : result.status,
      outcome: timedOut ? 'timeout' : 'failure',
      error: (error as Error).message
    })
  }
}

function waitForJob(
  jobId: string,
  context: RestartContext,
  logger: Logger,
  onStatus: (status: string) => void
) {
  const unknownStatuses = new Set<string>()
  return pollWithin<JobEnd>(context, logger, `Job ${jobId}`, async () => {
    const job = await context.client.getJob(jobId)
    const status = job.status || 'UNKNOWN'
    onStatus(status)
    const reason = job.messages.length ? `: ${job.messages.join(' ')}` : ''
    switch (jobPhase(status)) {
      case 'completed':
        return job.resultIsError
          ? {
              done: true,
              value: {
                kind: 'failed',
                status: 'FAILED',
                error: `Job ${jobId} completed with an error in its result${reason}`
              }
            }
          : { done: true, value: { kind: 'completed' } }
      case 'failed':
        return {
          done: true,
          value: { kind: 'failed', status, error: `Job ${jobId} ended ${status}${reason}` }
        }
      case undefined:
        if (!unknownStatuses.has(status)) {
          unknownStatuses.add(status)
          logger.warning(
            `Job ${jobId} reports the unknown status "${status}"; polling on until it ends or the timeout.`
          )
        }
    }
    return { done: false, state: status }
  })
}

function waitForReady(target: Target, context: RestartContext, logger: Logger) {
  return pollWithin<DeploymentStatus>(
    context,
    logger,
    `Pods of ${describeTarget(target)}`,
    async () => {
      const status = await context.client.getDeploymentStatus(target.deployment.id, 'once')
      return isReady(status)
        ? { done: true, value: status }
        : { done: false, state: describeStatus(status) }
    }
  )
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin
  } catch {
    return false
  }
}
