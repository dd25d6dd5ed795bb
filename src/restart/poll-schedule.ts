/** The first poll comes this long after the job was submitted. */
export const FIRST_POLL_MS = 1_000
/** Between polls, wait about this share of the time already spent. */
const ELAPSED_SHARE = 0.1

/**
 * How long to wait before the next poll. The wait grows with the time already spent (a tenth of it), so a job that
 * ends is noticed within max(1 s, 10 % of its duration), while the number of polls grows only with the logarithm of
 * the job's length. It never exceeds `maxIntervalMs` nor the time left before the deadline.
 */
export function nextPollDelay(
  elapsedMs: number,
  remainingMs: number,
  maxIntervalMs: number
): number {
  const wanted = Math.max(FIRST_POLL_MS, elapsedMs * ELAPSED_SHARE)
  return Math.round(Math.max(0, Math.min(wanted, maxIntervalMs, remainingMs)))
}
