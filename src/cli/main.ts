import { constants } from 'node:fs'
import { access, readFile, stat, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { canTrustCertificates } from '../arcgis/tls.js'
import { signalExitCode, type CancelSignal } from '../common/process-signals.js'
import { controlCharacterProblem, Secrets, withoutLineEndings } from '../common/secrets.js'
import { InputError, parseInputs, secretValues } from '../inputs.js'
import type { RestartInputs } from '../restart/restart-inputs.js'
import { restartDeployments } from '../restart/engine.js'
import type { Outcome } from '../restart/results.js'
import { publicReport, RunReport } from '../restart/run-report.js'
import { VERSION } from '../version.js'
import { parseCommandLine, USAGE, UsageError, type CommandLine } from './args.js'
import { invalidInputDocument } from './invalid-input.js'
import { junitReport } from './junit.js'
import { paletteFor, Terminal } from './terminal.js'
import { commandVocabulary } from './vocabulary.js'

export interface CommandIO {
  argv: string[]
  env: NodeJS.ProcessEnv
  /** All of standard input, read only when a secret is to come from it; `prompt` is for a terminal. */
  readStdin: (prompt: string) => Promise<string>
  stdout: (text: string) => void
  stderr: { write: (text: string) => void; isTTY?: boolean }
  signal?: AbortSignal
}

const EXIT = { success: 0, failure: 1, usage: 2, couldNotStart: 3 } as const

const AUTHENTICATION_HELP =
  'Give the token in ARCGIS_TOKEN (or --token-stdin), or a built-in administrator in ARCGIS_USERNAME (or --username) and ARCGIS_PASSWORD (or --password-stdin).'

/**
 * The command: read the flags, the environment and standard input, restart the deployments and make sure they came
 * back, then print a summary for people on stderr (one JSON document on stdout with --json, a JUnit file with --junit)
 * and exit 0, 1, 2, 3, 130 or 143 (see USAGE).
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
    const values = await readInputValues(commandLine)
    const words = commandVocabulary(commandLine)
    const { stdinSecret } = commandLine
    if (stdinSecret) {
      // Everything else is checked before the secret is asked for: a prompt answered for nothing is a poor start.
      parseInputs((name) => (name === stdinSecret ? STAND_IN_SECRET : (values[name] ?? '')), words)
      values[stdinSecret] = await readStdinSecret(stdinSecret, io)
    }
    for (const secret of secretValues((name) => values[name] ?? '')) secrets.add(secret)
    inputs = parseInputs((name) => values[name] ?? '', words)
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof InputError)) throw error
    const terminal = terminalFor(false)
    terminal.error(error.message)
    if (error instanceof InputError && error.aboutCredentials) {
      terminal.line(AUTHENTICATION_HELP)
    }
    terminal.line("Run 'arcgis-k8s-restart --help' for usage.")
    // The flags may be what could not be read: --json is looked for as it was written.
    if (io.argv.includes('--json')) {
      writeJson(io, secrets, invalidInputDocument(error.message))
    }
    return EXIT.usage
  }

  const terminal = terminalFor(commandLine.debug)
  const report = new RunReport((text) => secrets.redact(text))
  const end = await restartDeployments(inputs, {
    logger: terminal.logger,
    deploymentLog: terminal.deploymentLog,
    sink: report,
    secrets,
    signal: io.signal
  })

  // A terminal echoes ^C where the cursor is: what follows starts on a line of its own.
  if (end.outcome === 'cancelled' && io.stderr.isTTY) terminal.line('')
  const view = report.finish(end, terminal.logger)
  terminal.line('')
  // The health table and a dry run's table of deployments were printed as the run went: the results table ends
  // every other run.
  if (view.inventory.length === 0) terminal.table(view.results)
  for (const note of view.notes) terminal.logger.warning(note)
  if (view.failure) terminal.error(view.failure)
  terminal.line(`Outcome: ${view.outcome}`)
  terminal.line(view.tally)
  const exitCode =
    end.outcome === 'cancelled' && typeof io.signal?.reason === 'string'
      ? signalExitCode(io.signal.reason as CancelSignal)
      : end.couldNotStart
        ? EXIT.couldNotStart
        : exitCodeOf(end.outcome)
  if (commandLine.json) {
    const { outcome, ...rest } = publicReport(view)
    writeJson(io, secrets, { outcome, exitCode, ...rest })
  }
  if (commandLine.junitFile !== undefined) {
    await writeJunit(
      commandLine.junitFile,
      secrets.redact(junitReport(view, inputs.portalUrl)),
      terminal
    )
  }
  return exitCode
}

function writeJson(io: CommandIO, secrets: Secrets, document: object): void {
  io.stdout(`${inertJson(secrets.redact(JSON.stringify(document, null, 2)))}\n`)
}

/** A report that cannot be written is said, not fatal: the run's outcome stands. */
async function writeJunit(file: string, xml: string, terminal: Terminal): Promise<void> {
  try {
    await writeFile(file, xml)
  } catch (error) {
    terminal.logger.warning(
      `--junit: cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`
    )
  }
}

/** What stands for the secret of standard input while the other inputs are checked: a value any check accepts. */
const STAND_IN_SECRET = 'x'.repeat(64)

/** The token or the password from standard input (a pipe, or typed at the prompt), as CI systems hand it over. */
async function readStdinSecret(secret: 'token' | 'password', io: CommandIO): Promise<string> {
  const flag = `--${secret}-stdin`
  const value = withoutLineEndings(
    await io.readStdin(secret === 'token' ? 'Token: ' : 'Password: ')
  )
  if (!value) {
    throw new UsageError(
      `${flag}: no ${secret} came on standard input; pipe it in, or type it at the prompt`
    )
  }
  const problem = controlCharacterProblem(`the ${secret} from ${flag}`, value)
  if (problem) throw new UsageError(problem)
  return value
}

/** The inputs as the action would receive them, but the secret of standard input: flags, environment, the PEM file. */
async function readInputValues(commandLine: CommandLine): Promise<Partial<Record<string, string>>> {
  const values: Partial<Record<string, string>> = { ...commandLine.inputs }
  if (commandLine.junitFile !== undefined) await checkWritable(commandLine.junitFile)
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

/**
 * A report that could not be written at the end would leave CI with nothing to publish after a run that did
 * restart: a file the command cannot write is refused before anything is sent.
 */
async function checkWritable(file: string): Promise<void> {
  const directory = dirname(file)
  const [existing, parent] = await Promise.all(
    [file, directory].map((path) => stat(path).catch(() => undefined))
  )
  let problem: string | undefined
  if (existing?.isDirectory()) problem = 'it is a directory'
  else if (!existing && !parent) problem = `its directory ${directory} does not exist`
  else if (!existing && !parent?.isDirectory()) problem = `${directory} is not a directory`
  else {
    try {
      await access(existing ? file : directory, constants.W_OK)
    } catch (error) {
      problem = `${existing ? 'it' : `its directory ${directory}`} is not writable (${(error as NodeJS.ErrnoException).code})`
    }
  }
  if (problem) throw new UsageError(`--junit: cannot write ${file}: ${problem}`)
}

function exitCodeOf(outcome: Outcome): number {
  return outcome === 'success' || outcome === 'dry-run' || outcome === 'submitted'
    ? EXIT.success
    : EXIT.failure
}

/**
 * The JSON document with the characters that another system would act on written as escapes, which any JSON parser
 * reads back as the same text: `#` (Azure Pipelines obeys `##vso[…]` and the runner `##[…]` anywhere in a line of
 * output), DEL and the C1 controls (a terminal reads the single-byte CSI), the Unicode line separators and the bidirectional
 * overrides. ESC and the
 * other C0 controls are escaped by JSON.stringify already. They can only occur inside strings.
 */
function inertJson(json: string): string {
  return json.replace(
    /[#\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}
