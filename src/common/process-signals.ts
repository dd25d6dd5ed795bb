/** The runner sends SIGINT on cancellation and SIGTERM 7.5 s later; a person's Ctrl-C wants the same promptness. */
const CANCEL_GRACE_MS = 1_500

export type CancelSignal = 'SIGINT' | 'SIGTERM'

/**
 * An AbortSignal that aborts on SIGINT or SIGTERM, with the signal's name as its reason. The run then unwinds and
 * reports what it has; should an exchange refuse to end, the process exits with `exitCode(signal)` after a short grace.
 */
export function cancelOnSignals(exitCode: (signal: CancelSignal) => number = () => 1): AbortSignal {
  const cancellation = new AbortController()
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cancellation.abort(signal)
      setTimeout(() => process.exit(exitCode(signal)), CANCEL_GRACE_MS).unref()
    })
  }
  return cancellation.signal
}

/** The shell's convention for a process ended by a signal: 128 + its number (SIGINT 2, SIGTERM 15). */
export function signalExitCode(signal: CancelSignal): number {
  return signal === 'SIGINT' ? 130 : 143
}
