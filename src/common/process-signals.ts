/** The runner sends SIGINT on cancellation and SIGTERM 7.5 s later; a person's Ctrl-C wants the same promptness. */
const CANCEL_GRACE_MS = 1_500

/**
 * An AbortSignal that aborts on SIGINT or SIGTERM. The run then unwinds and reports what it has; should an exchange
 * refuse to end, the process exits with `exitCode` after a short grace.
 */
export function cancelOnSignals(exitCode = 1): AbortSignal {
  const cancellation = new AbortController()
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cancellation.abort()
      setTimeout(() => process.exit(exitCode), CANCEL_GRACE_MS).unref()
    })
  }
  return cancellation.signal
}
