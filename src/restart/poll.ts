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

export type PollResult<T> =
  | { kind: 'done'; value: T }
  | { kind: 'timeout'; lastState?: string }
  /** Every look failed for `maxOutageMs`; `problem` is the last failure. */
  | { kind: 'unreadable'; forMs: number; problem: string }

export interface PollOptions<T> {
  /** What is being waited for, for the log: `job j1`, `pods of shared-mapserver`. */
  subject: string
  check: () => Promise<PollStep<T>>
  deadline: Deadline
  maxIntervalMs: number
  /** Give up after failing to look for this long without a break (default: go on until the deadline). */
  maxOutageMs?: number
  /** Look at once, not a first interval after the start (a health check looks at what is, not at a restart). */
  lookAtOnce?: boolean
  logger: Logger
  signal?: AbortSignal
  now?: () => number
  /** How to wait between polls: a test's clock passes the time itself. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

/** What a poll loop takes from the restart it is part of. */
export interface PollContext {
  deadline: Deadline
  /** The longest wait between two polls. */
  pollIntervalMs: number
  /** Give up when every look failed for this long (see PollOptions). */
  maxOutageMs?: number
  /** See PollOptions. */
  lookAtOnce?: boolean
  signal?: AbortSignal
  now?: () => number
}

/** pollUntil with the deadline, interval, cancellation and clock of `context`. */
export function pollWithin<T>(
  context: PollContext,
  logger: Logger,
  subject: string,
  check: () => Promise<PollStep<T>>
): Promise<PollResult<T>> {
  const { deadline, pollIntervalMs, maxOutageMs, lookAtOnce, signal, now } = context
  return pollUntil({
    subject,
    check,
    deadline,
    maxIntervalMs: pollIntervalMs,
    maxOutageMs,
    lookAtOnce,
    signal,
    now,
    logger
  })
}

/**
 * Polls until `check` reports done or the deadline passes, on the adaptive schedule of poll-schedule.ts.
 * A state change is logged when it happens, and a heartbeat every 30 s while nothing changes. A failed look counts as
 * "still pending", whatever the failure (see stopsPolling): while the admin API, its store, the portal or the ingress
 * restart, they answer 5xx pages, JSON errors, "not found" or nothing at all for a while, and Esri's own pollers keep
 * going through all of it.
 */
export async function pollUntil<T>(options: PollOptions<T>): Promise<PollResult<T>> {
  const { subject, check, deadline, maxIntervalMs, logger, signal } = options
  const now = options.now ?? Date.now
  const wait = options.sleep ?? sleep
  const started = now()
  let lastState: string | undefined
  let lastLineAt = started
  let outageSince: number | undefined
  let notBeforeMs = 0

  for (let first = true; ; first = false) {
    if (!(first && options.lookAtOnce)) {
      const scheduled = nextPollDelay(now() - started, deadline.remaining(), maxIntervalMs)
      await wait(Math.min(Math.max(scheduled, notBeforeMs), deadline.remaining()), signal)
    }
    if (deadline.passed()) return { kind: 'timeout', lastState }
    notBeforeMs = 0
    try {
      const step = await check()
      if (outageSince !== undefined) {
        logger.info(`${subject}: the admin API answers again`)
        outageSince = undefined
      }
      if (step.done) return { kind: 'done', value: step.value }
      if (step.state !== lastState) {
        logger.info(`${subject}: ${step.state}`)
        lastState = step.state
        lastLineAt = now()
      }
    } catch (error) {
      if (stopsPolling(error)) throw error
      const { problem, detail } = error as ArcGISRequestError
      notBeforeMs = detail.retryAfterMs ?? 0
      if (outageSince === undefined) {
        logger.info(`${subject}: the admin API is not answering (${problem}); still waiting`)
        outageSince = now()
        lastLineAt = outageSince
      } else if (options.maxOutageMs !== undefined && now() - outageSince >= options.maxOutageMs) {
        return { kind: 'unreadable', forMs: now() - outageSince, problem }
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

/**
 * The failures that waiting cannot cure: a token that was refused and could not be renewed (the HTTP layer renews a
 * generated one before it gets here), a missing role, and anything that is not an answer of the server (a bug,
 * a cancellation).
 */
function stopsPolling(error: unknown): boolean {
  if (!(error instanceof ArcGISRequestError)) return true
  return error.isAuthError || error.code === 401 || error.code === 403
}
