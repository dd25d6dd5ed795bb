#!/usr/bin/env node
import './node-version.js'
import { cancelOnSignals } from '../common/process-signals.js'
import { runCommand } from './main.js'
import { readStandardInput } from './stdin.js'

const exitCode = await runCommand({
  argv: process.argv.slice(2),
  env: process.env,
  readStdin: (prompt) => readStandardInput(process.stdin, process.stderr, prompt),
  stdout: (output) => process.stdout.write(output),
  stderr: process.stderr,
  signal: cancelOnSignals()
})
// Requests abandoned by a timeout or a cancellation may still hold sockets: the run is over, so exit now.
process.stdout.write('', () => process.exit(exitCode))
