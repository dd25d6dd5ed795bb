import { cancelOnSignals } from '../common/process-signals.js'
import { run } from './main.js'

await run(cancelOnSignals())
// Requests abandoned by a timeout or a cancellation may still hold sockets: the step is over, so exit now.
process.exit(process.exitCode ?? 0)
