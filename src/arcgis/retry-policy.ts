import type { ArcGISRequestError } from './request-error.js'

/** How a request may be retried when it fails with a transient fault. */
export type RetryPolicy =
  /** Reads and token requests: any transient fault, until the step's deadline. */
  | 'idempotent'
  /**
   * The refresh POST restarts pods: sent again only when it certainly did not reach the admin API (a connection that
   * was never made, 429, 503; see Delivery). After an answer that leaves it open (502, 504, a timeout, a reset) it is
   * never sent again: the caller finds out what happened instead.
   */
  | 'unless-sent'
  /** Polls: the poll loop itself tries again on its own schedule. */
  | 'once'
  /**
   * The first requests to a portal (token, admin root): like 'idempotent', but a page that answers 200 is not a
   * platform restarting: it is not the admin API (a single sign-on gateway, a web app), so it fails at once.
   */
  | 'first-contact'

const MAX_ATTEMPTS: Record<RetryPolicy, number> = {
  idempotent: Infinity,
  'first-contact': Infinity,
  'unless-sent': 3,
  once: 1
}
const BACKOFF_BASE_MS = 1_000
const BACKOFF_CAP_MS = 30_000

/**
 * The wait before attempt `attempt + 1` of a request that failed with `error`, or undefined when it must not be
 * retried: exponential backoff with full jitter (`random` in [0, 1)), never shorter than the server's Retry-After.
 */
export function retryDelay(
  policy: RetryPolicy,
  error: ArcGISRequestError,
  attempt: number,
  random: () => number = Math.random
): number | undefined {
  const retryable =
    error.transient &&
    (policy !== 'unless-sent' || error.delivery === 'not-received') &&
    !(policy === 'first-contact' && error.isPageWithSuccessStatus)
  if (!retryable || attempt >= MAX_ATTEMPTS[policy]) return undefined
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1))
  const jittered = Math.round(random() * ceiling)
  return Math.max(jittered, error.detail.retryAfterMs ?? 0)
}
