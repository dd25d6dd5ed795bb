import { sleep } from '../common/cancellation.js'
import type { Deadline } from '../common/deadline.js'
import { formatDuration } from '../common/duration.js'
import { ArcGISRequestError } from '../arcgis/request-error.js'
import type { Logger } from '../common/logger.js'
import { nextPollDelay } from './poll-schedule.js'

/** A line while nothing changes, so the log shows the step is alive. */
export const HEARTBEAT_MS = 30_000

/** What one look at the server found. */
export type PollStep<T> = { done: true; value: T } | { done: false; state: string }

export type PollResult<T> = { kind: 'done'; value: T } | { kind: 'timeout'; lastState?: string }

export interface PollOptions<T> {
  /** What is being waited for, for the log: `job j1`, `pods of shared-mapserver`. */
  subject: string
  check: () => Promise<PollStep<T>>
  deadline: Deadline
  maxIntervalMs: number
  logger: Logger
  signal?: AbortSignal
  now?: () => number
  /** How to wait between polls: a test's clock passes the time itself. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

/**
 * Polls until `check` reports done or the deadline passes, on the adaptive schedule of poll-schedule.ts.
 * A state change is logged when it happens, and a heartbeat every 30 s while nothing changes. Transient faults count
 * as "still pending": a restart of the admin API or the ingress makes the API vanish for a while.
 */
export async function pollUntil<T>(options: PollOptions<T>): Promise<PollResult<T>> {
  const { subject, check, deadline, maxIntervalMs, logger, signal } = options
  const now = options.now ?? Date.now
  const wait = options.sleep ?? sleep
  const started = now()
  let lastState: string | undefined
  let lastLineAt = started
  let outage = false
  let notBeforeMs = 0

  for (;;) {
    const scheduled = nextPollDelay(now() - started, deadline.remaining(), maxIntervalMs)
    await wait(Math.min(Math.max(scheduled, notBeforeMs), deadline.remaining()), signal)
    if (deadline.passed()) return { kind: 'timeout', lastState }
    notBeforeMs = 0
    try {
      const step = await check()
      if (outage) {
        logger.info(`${subject}: the admin API answers again`)
        outage = false
      }
      if (step.done) return { kind: 'done', value: step.value }
      if (step.state !== lastState) {
        logger.info(`${subject}: ${step.state}`)
        lastState = step.state
        lastLineAt = now()
      }
    } catch (error) {
      if (!(error instanceof ArcGISRequestError && error.transient)) throw error
      notBeforeMs = error.detail.retryAfterMs ?? 0
      if (!outage) {
        logger.info(`${subject}: the admin API is not answering (${error.problem}); still waiting`)
        outage = true
        lastLineAt = now()
      }
    }
    if (now() - lastLineAt >= HEARTBEAT_MS) {
      logger.info(
        `${subject}: still ${lastState ?? 'waiting'} after ${formatDuration(now() - started)}`
      )
      lastLineAt = now()
    }
  }
}
