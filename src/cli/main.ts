import { readFile } from 'node:fs/promises'
import { canTrustCertificates } from '../arcgis/tls.js'
import { controlCharacterProblem, Secrets, withoutLineEndings } from '../common/secrets.js'
import { InputError, parseInputs, SECRET_INPUTS, type RestartInputs } from '../inputs.js'
import type { InventoryRow } from '../restart/dry-run.js'
import { restartDeployments, type ResultSink } from '../restart/engine.js'
import {
  failureMessage,
  logCancellation,
  overallJobStatus,
  pendingResults,
  publicResult,
  redactResult,
  resultNotes,
  runTally,
  type Outcome,
  type RestartResult
} from '../restart/results.js'
import type { Target } from '../restart/targets.js'
import { VERSION } from '../version.js'
import { parseCommandLine, USAGE, UsageError, type CommandLine } from './args.js'
import { paletteFor, Terminal } from './terminal.js'

export interface CommandIO {
  argv: string[]
  env: NodeJS.ProcessEnv
  /** All of standard input, read only when a secret is to come from it; `prompt` is for a terminal. */
  readStdin: (prompt: string) => Promise<string>
  stdout: (text: string) => void
  stderr: { write: (text: string) => void; isTTY?: boolean }
  signal?: AbortSignal
}

const EXIT = { success: 0, failure: 1, usage: 2 } as const

const AUTHENTICATION_HELP =
  'Give the token in ARCGIS_TOKEN (or --token-stdin), or a built-in administrator in ARCGIS_USERNAME and ARCGIS_PASSWORD (or --password-stdin).'

/**
 * The command: read the flags, the environment and standard input, restart the deployments and make sure they came
 * back, then print a summary for people on stderr (and one JSON document on stdout with --json) and exit 0, 1 or 2.
 */
export async function runCommand(io: CommandIO): Promise<number> {
  const secrets = new Secrets(() => undefined)
  const paint = paletteFor(io.stderr, io.env)
  const terminalFor = (debug: boolean) =>
    new Terminal(
      (text) => io.stderr.write(text),
      paint,
      (text) => secrets.redact(text),
      debug
    )
  let commandLine: CommandLine
  let inputs: RestartInputs
  try {
    commandLine = parseCommandLine(io.argv, io.env)
    if (commandLine.help) {
      io.stdout(`${USAGE}\n`)
      return EXIT.success
    }
    if (commandLine.version) {
      io.stdout(`${VERSION}\n`)
      return EXIT.success
    }
    const values = await readInputValues(commandLine, io)
    for (const name of SECRET_INPUTS) secrets.add(values[name] ?? '')
    inputs = parseInputs((name) => values[name] ?? '')
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof InputError)) throw error
    const terminal = terminalFor(false)
    terminal.error(error.message)
    if (error instanceof InputError && /token|username|password/.test(error.message)) {
      terminal.line(AUTHENTICATION_HELP)
    }
    terminal.line("Run 'arcgis-k8s-restart --help' for usage.")
    return EXIT.usage
  }

  const terminal = terminalFor(commandLine.debug)
  const started = Date.now()
  const record = new RunRecord()
  const end = await restartDeployments(inputs, {
    logger: terminal.logger,
    deploymentLog: terminal.deploymentLog,
    sink: record,
    secrets,
    signal: io.signal
  })

  const results = record.results.map((result) => redactResult(result, (t) => secrets.redact(t)))
  if (end.outcome === 'cancelled') logCancellation(results, terminal.logger)
  terminal.line('')
  terminal.table(results)
  for (const note of resultNotes(results)) terminal.logger.warning(note)
  const failure = failureMessage(results, end.outcome, end.error)
  if (failure) terminal.error(failure)
  terminal.line(`Outcome: ${end.outcome}`)
  terminal.line(runTally(results, end.outcome, Date.now() - started))

  if (commandLine.json) {
    const document = {
      outcome: end.outcome,
      jobStatus: overallJobStatus(results, end.outcome),
      serverVersion: record.version ?? null,
      durationSeconds: Math.round((Date.now() - started) / 1000),
      results: results.map(publicResult),
      ...(end.outcome === 'dry-run' && { deployments: record.inventoryRows.map(inventoryEntry) })
    }
    io.stdout(`${secrets.redact(JSON.stringify(document, null, 2))}\n`)
  }
  return exitCodeOf(end.outcome)
}

/** The inputs as the action would receive them: flags and environment, the secret from stdin, the PEM file read. */
async function readInputValues(
  commandLine: CommandLine,
  io: CommandIO
): Promise<Partial<Record<string, string>>> {
  const values: Partial<Record<string, string>> = { ...commandLine.inputs }
  if (commandLine.stdinSecret) {
    const flag = `--${commandLine.stdinSecret}-stdin`
    const secret = withoutLineEndings(
      await io.readStdin(commandLine.stdinSecret === 'token' ? 'Token: ' : 'Password: ')
    )
    if (!secret) {
      throw new UsageError(
        `${flag}: standard input was empty; pipe the ${commandLine.stdinSecret} in`
      )
    }
    const problem = controlCharacterProblem(`the ${commandLine.stdinSecret} from ${flag}`, secret)
    if (problem) throw new UsageError(problem)
    values[commandLine.stdinSecret] = secret
  }
  if (commandLine.caCertificateFile !== undefined) {
    if (!canTrustCertificates()) {
      throw new UsageError(
        `--ca-certificate needs Node.js 22.19 or later on the 22 line, or 24.5 or later (this is ${process.version}); on this Node.js, set NODE_EXTRA_CA_CERTS=${commandLine.caCertificateFile} instead`
      )
    }
    try {
      values['ca-certificate'] = await readFile(commandLine.caCertificateFile, 'utf8')
    } catch (error) {
      throw new UsageError(
        `--ca-certificate: cannot read ${commandLine.caCertificateFile} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`
      )
    }
  }
  return values
}

function exitCodeOf(outcome: Outcome): number {
  return outcome === 'success' || outcome === 'dry-run' || outcome === 'submitted'
    ? EXIT.success
    : EXIT.failure
}

/** Keeps what the engine reports, for the summary at the end. */
class RunRecord implements ResultSink {
  results: RestartResult[] = []
  inventoryRows: InventoryRow[] = []
  version?: string

  serverVersion(version: string | undefined): void {
    this.version = version
  }

  targets(targets: Target[]): void {
    this.results = pendingResults(targets)
  }

  update(index: number, result: RestartResult): void {
    this.results[index] = result
  }

  inventory(rows: InventoryRow[]): void {
    this.inventoryRows = rows
  }
}

/** A row of a dry run's table, for --json: what a script needs to find a deployment's id. */
function inventoryEntry({ deployment, replicasReady, wouldRestart }: InventoryRow) {
  return {
    deploymentId: deployment.id,
    name: deployment.name ?? null,
    type: deployment.type ?? null,
    mode: deployment.mode ?? null,
    replicasReady,
    wouldRestart
  }
}
