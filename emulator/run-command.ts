// Runs the built command (dist/cli.js) as a person or a CI system does: a child process with flags, its own
// environment and standard input, and nothing of the parent's environment but PATH and HOME.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export interface CommandRun {
  exitCode: number | null
  signal: string | null
  stdout: string
  stderr: string
  durationMs: number
}

export interface RunCommandOptions {
  args: string[]
  env?: Record<string, string>
  /** Written to standard input, which is then closed; without it standard input is empty. */
  stdin?: string
  /** Sent once stderr so far satisfies `when`. */
  signal?: { name: NodeJS.Signals; when: (stderrSoFar: string) => boolean }
  timeoutMs?: number
  /**
   * The Node.js that runs it (default: ARCGIS_TEST_COMMAND_NODE, which the e2e-node22 test project sets, else the one
   * running this process) and flags for it (`--import` a preload).
   */
  node?: string
  nodeArgs?: string[]
  /** The command's entry (default: dist/cli.js), e.g. the bin of an installed package. */
  command?: string
}

const COMMAND = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js')

export async function runCommand(options: RunCommandOptions): Promise<CommandRun> {
  const command = options.command ?? COMMAND
  if (!existsSync(command))
    throw new Error(`${command} does not exist: build it first (npm run bundle)`)
  const node = options.node ?? process.env.ARCGIS_TEST_COMMAND_NODE ?? process.execPath
  const child = spawn(node, [...(options.nodeArgs ?? []), command, ...options.args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe']
  })
  const startedAt = performance.now()
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8')
  child.stderr.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => (stdout += chunk))
  let signalled = false
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk
    if (options.signal && !signalled && options.signal.when(stderr)) {
      signalled = true
      child.kill(options.signal.name)
    }
  })
  child.stdin.end(options.stdin ?? '')
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  try {
    const [exitCode, signal] = await new Promise<[number | null, string | null]>(
      (resolve, reject) => {
        child.once('error', reject)
        child.once('close', (code, killedBy) => resolve([code, killedBy]))
      }
    )
    return {
      exitCode,
      signal,
      stdout,
      stderr,
      durationMs: Math.round(performance.now() - startedAt)
    }
  } finally {
    clearTimeout(killer)
  }
}
