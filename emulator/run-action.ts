// Runs the built action the way the GitHub runner does: a fresh Node process with nothing in its
// environment but the runner's variables, inputs as INPUT_<NAME>, and file commands for outputs.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export interface ActionRun {
  exitCode: number | null
  signal: string | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  durationMs: number
}

type SignalPlan =
  | { name: NodeJS.Signals; afterMs: number }
  | { name: NodeJS.Signals; when: (stdoutSoFar: string) => boolean }

export interface RunActionOptions {
  inputs: Record<string, string>
  env?: Record<string, string>
  timeoutMs?: number
  signal?: SignalPlan
  actionDir?: string
}

interface ActionDefinition {
  inputs?: Record<string, { default?: unknown } | null>
  runs?: { main?: string }
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function readActionDefinition(actionDir: string): ActionDefinition {
  return parse(readFileSync(path.join(actionDir, 'action.yml'), 'utf8')) as ActionDefinition
}

/**
 * The INPUT_ variables the runner would set: every input declared in action.yml, with the given
 * value or else its default (empty when it has none). The runner upper-cases the name and replaces
 * spaces with underscores but keeps hyphens, so `portal-url` becomes `INPUT_PORTAL-URL`.
 */
export function actionEnv(
  inputs: Record<string, string>,
  actionDir: string = REPO_ROOT
): Record<string, string> {
  const declared = readActionDefinition(actionDir).inputs ?? {}
  const undeclared = Object.keys(inputs).filter((name) => !Object.hasOwn(declared, name))
  if (undeclared.length > 0) {
    throw new Error(`Inputs not declared in action.yml: ${undeclared.join(', ')}`)
  }
  const env: Record<string, string> = {}
  for (const [name, definition] of Object.entries(declared)) {
    const fallback = definition?.default === undefined ? '' : String(definition.default)
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = inputs[name] ?? fallback
  }
  return env
}

/** Reads a GITHUB_OUTPUT file as the runner does: `name=value` lines and `name<<DELIMITER` blocks. */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]
    if (line === '') continue
    const equals = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (equals !== -1 && (heredoc === -1 || equals < heredoc)) {
      values[line.slice(0, equals)] = line.slice(equals + 1)
      continue
    }
    if (heredoc === -1) throw new Error(`Invalid file command line: ${JSON.stringify(line)}`)
    const name = line.slice(0, heredoc)
    const delimiter = line.slice(heredoc + 2)
    const end = lines.indexOf(delimiter, index + 1)
    if (end === -1) throw new Error(`No closing delimiter ${delimiter} for output ${name}`)
    values[name] = lines.slice(index + 1, end).join('\n')
    index = end
  }
  return values
}

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const actionDir = options.actionDir ?? REPO_ROOT
  const inputEnv = actionEnv(options.inputs, actionDir)
  const main = path.join(actionDir, readActionDefinition(actionDir).runs?.main ?? 'dist/index.js')
  if (!existsSync(main))
    throw new Error(`${main} does not exist: build the action first (npm run bundle)`)

  const runnerTemp = await mkdtemp(path.join(tmpdir(), 'action-run-'))
  const outputFile = path.join(runnerTemp, 'github_output')
  const summaryFile = path.join(runnerTemp, 'step_summary')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? runnerTemp,
    TMPDIR: runnerTemp,
    RUNNER_TEMP: runnerTemp,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...inputEnv,
    ...options.env
  }

  const startedAt = performance.now()
  const child = spawn(process.execPath, [main], {
    cwd: runnerTemp,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8')
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => (stderr += chunk))

  const timers: NodeJS.Timeout[] = []
  const plan = options.signal
  let signalSent = false
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk
    if (plan && 'when' in plan && !signalSent && plan.when(stdout)) {
      signalSent = true
      child.kill(plan.name)
    }
  })
  if (plan && 'afterMs' in plan) timers.push(setTimeout(() => child.kill(plan.name), plan.afterMs))
  timers.push(setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000))

  try {
    const [exitCode, signal] = await new Promise<[number | null, string | null]>(
      (resolve, reject) => {
        child.once('error', reject)
        child.once('close', (code, killedBy) => resolve([code, killedBy]))
      }
    )
    const durationMs = Math.round(performance.now() - startedAt)
    return {
      exitCode,
      signal,
      stdout,
      stderr,
      outputs: parseFileCommands(await readFile(outputFile, 'utf8')),
      summary: await readFile(summaryFile, 'utf8'),
      durationMs
    }
  } finally {
    for (const timer of timers) clearTimeout(timer)
    await rm(runnerTemp, { recursive: true, force: true })
  }
}
