import { joinTexts, type ServerText } from '../common/server-text.js'
import type { ArcGISAdminClient } from '../arcgis/admin-client.js'
import type { DeploymentStatus, RefreshAnswer } from '../arcgis/answers.js'
import { jobPhase } from '../arcgis/job-status.js'
import { ArcGISRequestError } from '../arcgis/request-error.js'
import { CancelledError } from '../common/cancellation.js'
import { formatDuration } from '../common/duration.js'
import type { Logger } from '../common/logger.js'
import { findRefreshJob } from './find-refresh-job.js'
import { pollWithin, type PollContext } from './poll.js'
import { describeStatus, isReady } from './readiness.js'
import { jobUrl, REFRESHING, resultFor, UNKNOWN, type RestartResult } from './results.js'
import { describeTarget, type Target } from './targets.js'
import { verifyTarget, type Checks } from './verify.js'
import type { Vocabulary } from '../common/vocabulary.js'

/**
 * How long a job may stay unreadable before the action stops asking for it and checks its deployment instead (at
 * most half the time left when the job was submitted): a restart of the admin API or its store can lose job records.
 */
const JOB_RECORD_GRACE_MS = 3 * 60_000

export interface RestartContext extends PollContext {
  client: ArcGISAdminClient
  wait: boolean
  waitForReady: boolean
  /** The jobs are polled under it, whatever host a jobsUrl names. */
  portalUrl: string
  /** A server without restart jobs (before 10.9.1) answers the refresh only when the restart is done. */
  synchronousRefresh: boolean
  /** How the verification's messages name the settings. */
  words: Vocabulary
  /** What to check once the pods are ready; undefined when verify is off. */
  checks?: Checks
  /** Called when the refresh goes out and when its job is known, so the outputs have it even if the step dies. */
  onChange: (result: RestartResult) => void
}

type JobEnd =
  { kind: 'completed' } | { kind: 'failed'; status: string; error: string; messages: ServerText[] }

/** The refresh's answer, or what is known when it had none: the restart may or may not have started. */
type RefreshOutcome = RefreshAnswer | { kind: 'unknown'; error: string }

/** How following a job ended: completed, its record lost, or the restart's end (failed, timed out). */
type JobFollowed =
  { kind: 'completed' } | { kind: 'lost' } | { kind: 'ended'; changes: Partial<RestartResult> }

/** Restarts one deployment: refresh, wait for its job, then for its pods. Never throws but on cancellation. */
export async function restartDeployment(
  target: Target,
  context: RestartContext,
  logger: Logger
): Promise<RestartResult> {
  const now = context.now ?? Date.now
  const started = now()
  const result = resultFor(target, {
    status: REFRESHING,
    outcome: 'failure',
    stoppedServices: context.checks?.stopped?.map((service) => service.label)
  })
  const finish = (changes: Partial<RestartResult>): RestartResult => {
    Object.assign(result, changes, { durationSeconds: Math.round((now() - started) / 100) / 10 })
    return result
  }

  try {
    logger.info(`Refreshing deployment ${describeTarget(target)}`)
    context.onChange(result)
    const answer = await refresh(target, context, logger)
    if (answer.kind === 'unknown') {
      return finish({
        status: UNKNOWN,
        outcome: context.deadline.passed() ? 'timeout' : 'failure',
        error: answer.error
      })
    }
    let jobLost = false
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
      if (answer.jobsUrl && !sameOrigin(answer.jobsUrl.raw, context.portalUrl)) {
        logger.info(
          `The job URL names another host; the job is polled at the portal (${new URL(context.portalUrl).origin}), never through that host.`
        )
      }
      context.onChange(result)
      if (!context.wait) return finish({ outcome: 'submitted' })
      const followed = await followJob(answer.jobId, result, context, logger)
      if (followed.kind === 'ended') return finish(followed.changes)
      jobLost = followed.kind === 'lost'
    }
    // A lost job leaves the pods as the only evidence of the restart: they are checked even without wait-for-ready.
    if (!context.waitForReady && !jobLost) return finish({ outcome: 'success' })

    const readiness = await waitForReady(target, context, logger)
    if (readiness.kind !== 'done') {
      const lastState = readiness.kind === 'timeout' ? readiness.lastState : undefined
      return finish({
        ready: false,
        outcome: 'timeout',
        error: `The pods were not ready before the timeout (${lastState ?? 'no status seen'})${jobLost ? `. ${result.note}` : ''}`
      })
    }
    logger.info('All pods are ready')
    result.ready = true
    if (!context.checks) return finish({ outcome: 'success' })

    const verification = await verifyTarget(context.checks, context, logger)
    if (verification.kind === 'timeout' || verification.kind === 'failed') {
      const outcome = verification.kind === 'timeout' ? 'timeout' : 'failure'
      return finish({ verified: false, outcome, error: verification.error })
    }
    return finish({ verified: verification.kind === 'verified' ? true : null, outcome: 'success' })
  } catch (error) {
    if (error instanceof CancelledError) {
      // The report keeps how long it ran until the cancellation (the command's table shows it on Ctrl-C) and why it
      // ended, which the JUnit report gives as the failure.
      context.onChange(
        finish({
          error: result.jobId
            ? `The run was cancelled while job ${result.jobId} was ${result.status}; the restart goes on in the cluster.`
            : 'The run was cancelled while the refresh was being sent: the restart may have started.'
        })
      )
      throw error
    }
    const timedOut = error instanceof ArcGISRequestError && error.detail.deadline === true
    return finish({
      status: result.status === REFRESHING ? 'ERROR' : result.status,
      outcome: timedOut ? 'timeout' : 'failure',
      error: (error as Error).message
    })
  }
}

/**
 * Sends the refresh. The HTTP layer sends it again only when it certainly did not reach the admin API; after an
 * answer that leaves it open whether the restart started (a 502, a 504, a timeout, a reset), it is never sent again:
 * the refresh job is looked for in the admin API's jobs and followed if found; if not, the restart is reported as
 * possibly started, with the deployment's status.
 */
async function refresh(
  target: Target,
  context: RestartContext,
  logger: Logger
): Promise<RefreshOutcome> {
  const { client, deadline, signal } = context
  const id = target.deployment.id
  const sentAt = Date.now()
  try {
    return await client.refreshDeployment(
      id,
      context.synchronousRefresh ? deadline.remaining() : undefined
    )
  } catch (error) {
    if (!(error instanceof ArcGISRequestError) || error.delivery !== 'unknown') throw error
    logger.warning(
      `The refresh got no clear answer (${error.problem}): it may have reached the admin API, so it is not sent again.`
    )
    let reason: string
    if (deadline.passed()) {
      reason = 'the timeout left no time to look for its job'
    } else if (context.synchronousRefresh) {
      reason = 'this version has no restart jobs to look for'
    } else {
      logger.info(`Looking for a refresh job of ${describeTarget(target)} in the admin API's jobs`)
      const search = await findRefreshJob(client, id, sentAt, { deadline, signal }, logger)
      if (search.kind === 'found') {
        logger.info(`Found its job ${search.jobId} (${search.status}); following it.`)
        return { kind: 'job', jobId: search.jobId, status: search.status }
      }
      reason = search.reason
    }
    return {
      kind: 'unknown',
      error: `The refresh of ${describeTarget(target)} got no clear answer (${error.problem}), so the restart may have started; ${reason}. ${await statusNow(id, client)} Another run will restart it again.`
    }
  }
}

/** The deployment's status as a sentence, for a message that must say where things stand. */
async function statusNow(id: string, client: ArcGISAdminClient): Promise<string> {
  try {
    return `Its status now: ${describeStatus(await client.getDeploymentStatus(id, 'once'))}.`
  } catch (error) {
    if (!(error instanceof ArcGISRequestError)) throw error
    return `Its status could not be read (${error.problem}).`
  }
}

/**
 * Polls the job until it ends, keeping `result.status` current. A lost record leaves the status UNKNOWN and a note
 * that says so.
 */
async function followJob(
  jobId: ServerText,
  result: RestartResult,
  context: RestartContext,
  logger: Logger
): Promise<JobFollowed> {
  const end = await waitForJob(jobId, context, logger, (status) => (result.status = status))
  switch (end.kind) {
    case 'timeout':
      return {
        kind: 'ended',
        changes: {
          outcome: 'timeout',
          error: `Job ${jobId} did not end before the timeout (last status ${result.status}); the restart goes on in the cluster: ${jobUrl(context.portalUrl, jobId)}`
        }
      }
    case 'unreadable': {
      const unread = `Job ${jobId} could not be read for ${formatDuration(end.forMs)} (last: ${end.problem})`
      logger.warning(
        `${unread}: its record may have been lost (a restart of the admin API can lose it). Checking the deployment's pods instead.`
      )
      result.status = UNKNOWN
      result.note = `${unread}: its record was lost, so whether the job completed is unknown; the deployment's readiness decided the outcome.`
      return { kind: 'lost' }
    }
    case 'done':
      if (end.value.kind === 'failed') {
        logger.info(end.value.error)
        const { status, error, messages } = end.value
        return { kind: 'ended', changes: { status, outcome: 'failure', error, messages } }
      }
      result.status = 'COMPLETED'
      logger.info(`Job ${jobId} completed`)
      return { kind: 'completed' }
  }
}

function waitForJob(
  jobId: ServerText,
  context: RestartContext,
  logger: Logger,
  onStatus: (status: string) => void
) {
  const unknownStatuses = new Set<string>()
  const maxOutageMs = Math.min(JOB_RECORD_GRACE_MS, context.deadline.remaining() / 2)
  return pollWithin<JobEnd>({ ...context, maxOutageMs }, logger, `Job ${jobId}`, async () => {
    const job = await context.client.getJob(jobId)
    const status = job.status || UNKNOWN
    onStatus(status)
    const reason = job.messages.length
      ? `: ${joinTexts(job.messages, ' ')}`
      : ' (its record gives no reason; the admin API logs may)'
    switch (jobPhase(status)) {
      case 'completed':
        return job.resultIsError
          ? {
              done: true,
              value: {
                kind: 'failed',
                status: 'FAILED',
                error: `Job ${jobId} completed with an error in its result${reason}`,
                messages: job.messages
              }
            }
          : { done: true, value: { kind: 'completed' } }
      case 'failed':
        return {
          done: true,
          value: {
            kind: 'failed',
            status,
            error: `Job ${jobId} ended ${status}${reason}`,
            messages: job.messages
          }
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

function sameOrigin(url: string, portalUrl: string): boolean {
  try {
    return new URL(url).origin === new URL(portalUrl).origin
  } catch {
    return false
  }
}
