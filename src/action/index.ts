import { run } from './main.js'

/** The runner sends SIGINT on cancellation and SIGTERM 7.5 s later; the step must be gone well before that. */
const CANCEL_GRACE_MS = 1_500

const cancellation = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cancellation.abort()
    // Outputs and summary are written as the run unwinds; this only guards against an exchange that will not end.
    setTimeout(() => process.exit(1), CANCEL_GRACE_MS).unref()
  })
}

await run(cancellation.signal)
// Requests abandoned by a timeout or a cancellation may still hold sockets: the step is over, so exit now.
process.exit(process.exitCode ?? 0)
