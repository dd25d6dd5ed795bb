// Shared pieces of the end-to-end tests: they run the built dist/index.js as the runner does (emulator/run-action.ts)
// against the emulator over real sockets, and assert on exit codes, outputs, the summary and the recorded requests.
import { afterEach } from '@jest/globals'
import { startRefusingPortal, type RefusingPortal } from '../../emulator/dead-ends.ts'
import {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type RecordedRequest
} from '../../emulator/server.ts'
import { runAction, type ActionRun, type RunActionOptions } from '../../emulator/run-action.ts'
import { commandMessages } from '../../emulator/workflow-commands.ts'

export { runAction, type ActionRun }
export { quickClock } from '../../emulator/scenarios.ts'

export async function withEmulator<T>(
  options: EmulatorOptions,
  test: (emulator: Emulator) => Promise<T>
): Promise<T> {
  const emulator = await startEmulator(options)
  try {
    return await test(emulator)
  } finally {
    await emulator.close()
  }
}

/**
 * For a test file: registers an afterEach that closes every refusing portal (startRefusingPortal) of the test, and
 * returns what gives the URL of a new one.
 */
export function useRefusingPortals(): () => Promise<string> {
  const portals: RefusingPortal[] = []
  afterEach(async () => {
    await Promise.all(portals.splice(0).map((portal) => portal.close()))
  })
  return async () => {
    const portal = await startRefusingPortal()
    portals.push(portal)
    return portal.portalUrl
  }
}

/** The command's flags for a typical run: a portal, one deployment, a short poll interval, 30 s in all. */
export function commandArgs(portalUrl: string, deploymentId: string, ...extra: string[]): string[] {
  return [
    '--portal-url',
    portalUrl,
    '--deployment-id',
    deploymentId,
    '--poll-interval',
    '250ms',
    '--timeout',
    '30s',
    ...extra
  ]
}

/** commandArgs for the emulator's portal and its second deployment (as stepInputs names it). */
export function emulatorCommandArgs(emulator: Emulator, ...extra: string[]): string[] {
  return commandArgs(emulator.portalUrl, emulator.deploymentIds[1], ...extra)
}

/** The inputs of a typical step: the emulator's portal, its token, one deployment, a short poll interval. */
export function stepInputs(
  emulator: Emulator,
  inputs: Record<string, string> = {}
): Record<string, string> {
  return {
    'portal-url': emulator.portalUrl,
    token: emulator.token,
    'deployment-id': emulator.deploymentIds[1],
    'poll-interval': '250ms',
    timeout: '30s',
    ...inputs
  }
}

export function run(
  inputs: Record<string, string>,
  options: Omit<RunActionOptions, 'inputs'> = {}
) {
  return runAction({ inputs, ...options })
}

export function requestsTo(
  emulator: Emulator,
  method: string,
  pathPart: string
): RecordedRequest[] {
  return emulator.requests.filter(
    (request) => request.method === method && request.path.includes(pathPart)
  )
}

/** The built-in administrator of the emulator, as inputs (the token input emptied). */
export const adminCredentials = { token: '', username: 'admin', password: 'emulator-password' }

/** Resolves once the emulator has received a request whose path contains `pathPart`. */
export async function whenRequested(emulator: Emulator, pathPart: string): Promise<void> {
  while (!emulator.requests.some((request) => request.path.includes(pathPart))) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export interface ResultItem {
  deploymentId: string
  name: string | null
  service: string | null
  jobId: string | null
  jobsUrl: string | null
  status: string
  ready: boolean | null
  verified: boolean | null
  durationSeconds: number
  error: string | null
  /** The deployment's services configured as stopped, which verification left out. */
  stoppedServices: string[]
  note: string | null
  /** With restart-if: unhealthy, what the health check found; null with always. */
  health: 'healthy' | 'unhealthy' | 'stopped' | null
  healthReason: string | null
}

export function resultsOf(run: ActionRun): ResultItem[] {
  return JSON.parse(run.outputs.results) as ResultItem[]
}

/** The plain log lines (no workflow commands) of a run. */
export function logLines(result: ActionRun): string[] {
  return result.stdout.split(/\r?\n/).filter((line) => !line.startsWith('::'))
}

/** The `::error::` annotation the step failed with (core.setFailed), unescaped. */
export function failureOf(run: ActionRun): string {
  return commandMessages(run.stdout, 'error').join('\n')
}
