#!/usr/bin/env node
import { text } from 'node:stream/consumers'
import { cancelOnSignals } from '../common/process-signals.js'
import { runCommand } from './main.js'

const exitCode = await runCommand({
  argv: process.argv.slice(2),
  env: process.env,
  readStdin: () => text(process.stdin),
  stdout: (output) => process.stdout.write(output),
  stderr: process.stderr,
  signal: cancelOnSignals()
})
// Requests abandoned by a timeout or a cancellation may still hold sockets: the run is over, so exit now.
process.stdout.write('', () => process.exit(exitCode))
