// The hostile-text cases the end-to-end tests run both bundles through: one set of texts (HOSTILE_TEXTS, one a line
// so that each one starts a line if anything prints it unfolded) in each field a server or a URL fills.
import type { EmulatorOptions } from '../../emulator/server.ts'
import { defaultDeployments } from '../../emulator/scenarios.ts'
import { quickClock } from './e2e.ts'
import { HOSTILE_TEXTS } from './hostile-text.ts'

/** Every hostile text, one a line. */
export const HOSTILE = HOSTILE_TEXTS.join('\n')
/** HOSTILE without its dots: a folder's name, which the admin API tells from a service's (`Name.Type`) by the dot. */
const HOSTILE_FOLDER = HOSTILE.replaceAll('.', '')

export interface ServerTextCase {
  field: string
  emulator: EmulatorOptions
  /** Inputs beyond the emulator's portal, its token and the second default deployment. */
  inputs?: Record<string, string>
  /** The text as the outputs and the command's JSON must keep it, where they carry the field whole. */
  exact?: (results: Record<string, unknown>[], serverVersion: string | null) => unknown
  /** What `exact` must give: the server's text, whitespace at its ends trimmed; HOSTILE when not said. */
  expected?: string
}

const [shared, dedicated, other] = defaultDeployments
const fast = { ...quickClock }

export const SERVER_TEXT_CASES: ServerTextCase[] = [
  {
    field: 'a job message',
    emulator: {
      ...fast,
      deployments: [
        shared,
        { ...dedicated, job: 'fail', failureMessages: [HOSTILE, ...HOSTILE_TEXTS] },
        other
      ]
    }
  },
  {
    field: 'a result detail',
    emulator: {
      ...fast,
      deployments: [
        shared,
        {
          ...dedicated,
          job: 'fail',
          failureShape: 'result-error-object',
          failureMessages: ['failed', HOSTILE, ...HOSTILE_TEXTS]
        },
        other
      ]
    }
  },
  {
    field: 'an error body',
    emulator: {
      ...fast,
      faults: [
        {
          path: '/refresh',
          body: { error: { code: 500, message: HOSTILE, details: HOSTILE_TEXTS } }
        }
      ]
    }
  },
  {
    field: 'an HTML body',
    emulator: {
      ...fast,
      faults: [{ path: '/refresh', status: 400, body: `<html><body>${HOSTILE}</body></html>` }]
    }
  },
  {
    field: 'a deployment name',
    emulator: { ...fast, deployments: [shared, { ...dedicated, name: HOSTILE }, other] },
    exact: (results) => results[0].name
  },
  {
    field: "a deployment's type, mode, provider and configured state (dry run)",
    emulator: {
      ...fast,
      deployments: [
        shared,
        { ...dedicated, type: HOSTILE, mode: HOSTILE, provider: HOSTILE, configuredState: HOSTILE },
        other
      ]
    },
    inputs: { 'dry-run': 'true' }
  },
  {
    field: 'a service name',
    emulator: {
      ...fast,
      deployments: [
        shared,
        { ...dedicated, services: [{ folder: HOSTILE_FOLDER, name: HOSTILE, type: 'MapServer' }] },
        other
      ]
    }
  },
  {
    field: 'a version',
    emulator: { ...fast, version: `11.4 ${HOSTILE}` },
    exact: (_results, serverVersion) => serverVersion,
    expected: `11.4 ${HOSTILE}`
  },
  {
    field: 'a job id',
    emulator: { ...fast, deployments: [shared, { ...dedicated, jobId: `j1 ${HOSTILE}` }, other] },
    exact: (results) => results[0].jobId,
    expected: `j1 ${HOSTILE}`
  },
  {
    field: 'a stopped service name',
    emulator: {
      ...fast,
      deployments: [
        shared,
        {
          ...dedicated,
          services: [{ folder: HOSTILE_FOLDER, name: HOSTILE, type: 'MapServer' }],
          stoppedServices: [`${HOSTILE_FOLDER}/${HOSTILE}.MapServer`]
        },
        other
      ]
    },
    exact: (results) => (results[0].stoppedServices as string[])[0],
    expected: `${HOSTILE_FOLDER}/${HOSTILE}.MapServer`
  },
  {
    field: "a deployment's state, in the health check (restart-if: unhealthy)",
    emulator: {
      ...fast,
      faults: [
        {
          path: /\/system\/deployments\/[^/]+\/status$/,
          times: 1,
          body: { currentState: HOSTILE, readyReplicas: 1, totalReplicas: 1 }
        }
      ]
    },
    inputs: { 'restart-if': 'unhealthy' },
    exact: (results) => results[0].health,
    expected: 'unhealthy'
  }
]

/** What `exact` must give. */
export function exactValue(testCase: ServerTextCase): string {
  return testCase.expected ?? HOSTILE
}
