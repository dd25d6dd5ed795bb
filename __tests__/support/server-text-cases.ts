// The hostile-text cases the end-to-end tests run both bundles through: one set of texts (HOSTILE_TEXTS, one a line
// so that each one starts a line if anything prints it unfolded) in each field a server or a URL fills.
import type { EmulatorOptions } from '../../emulator/server.ts'
import { defaultDeployments } from '../../emulator/scenarios.ts'
import { quickClock } from './e2e.ts'
import { HOSTILE_TEXTS } from './hostile-text.ts'

/** Every hostile text, one a line. */
export const HOSTILE = HOSTILE_TEXTS.join('\n')

export interface ServerTextCase {
  field: string
  emulator: EmulatorOptions
  /** Inputs beyond the emulator's portal, its token and the second default deployment. */
  inputs?: Record<string, string>
  /** The text as the outputs and the command's JSON must keep it, where they carry the field whole. */
  exact?: (results: Record<string, unknown>[], serverVersion: string | null) => unknown
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
    field: "a deployment's type, mode and provider (dry run)",
    emulator: {
      ...fast,
      deployments: [
        shared,
        { ...dedicated, type: HOSTILE, mode: HOSTILE, provider: HOSTILE },
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
        { ...dedicated, services: [{ folder: HOSTILE, name: HOSTILE, type: 'MapServer' }] },
        other
      ]
    }
  },
  {
    field: 'a version',
    emulator: { ...fast, version: `11.4 ${HOSTILE}` },
    exact: (_results, serverVersion) => serverVersion
  },
  {
    field: 'a job id',
    emulator: { ...fast, deployments: [shared, { ...dedicated, jobId: `j1 ${HOSTILE}` }, other] },
    exact: (results) => results[0].jobId
  }
]

/** What `exact` must give: the field as the server sent it, with the whitespace at its ends trimmed. */
export function exactValue(testCase: ServerTextCase): string {
  if (testCase.field === 'a version') return `11.4 ${HOSTILE}`
  if (testCase.field === 'a job id') return `j1 ${HOSTILE}`
  return HOSTILE
}
