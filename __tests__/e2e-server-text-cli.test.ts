// Hostile server text through every field, the built command against the emulator: nothing on stdout, on stderr or
// in the JUnit report that GitHub, Azure Pipelines, GitLab or Jenkins would obey or a terminal would interpret;
// --json keeps the text as data.
import { describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runCommand, type RunCommandOptions } from '../emulator/run-command.ts'
import { defaultDeployments } from '../emulator/scenarios.ts'
import type { Emulator } from '../emulator/server.ts'
import { emulatorCommandArgs, quickClock, withEmulator } from './support/e2e.ts'
import { exactValue, HOSTILE, SERVER_TEXT_CASES } from './support/server-text-cases.ts'
import { expectSafeCommandOutput, expectSafeJunit } from './support/server-text-checks.ts'

/** The flags of the inputs a case names, as the command spells them. */
function flagsOf(inputs: Record<string, string> = {}): string[] {
  return Object.entries(inputs).flatMap(([name, value]) =>
    value === 'true' ? [`--${name}`] : [`--${name}`, value]
  )
}

/** The command on the emulator's second deployment with --json and --junit, and the JUnit report it wrote. */
async function hostileRun(
  emulator: Emulator,
  options: Partial<RunCommandOptions> & { flags?: string[] } = {}
) {
  const dir = await mkdtemp(path.join(tmpdir(), 'hostile-junit-'))
  const junit = path.join(dir, 'report.xml')
  try {
    const command = await runCommand({
      args: emulatorCommandArgs(emulator, '--json', '--junit', junit, ...(options.flags ?? [])),
      env: { ARCGIS_TOKEN: emulator.token },
      signal: options.signal
    })
    return { command, junit: await readFile(junit, 'utf8') }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

describe('dist/cli.js with hostile server text', () => {
  it.each(SERVER_TEXT_CASES)('in $field', (testCase) =>
    withEmulator(testCase.emulator, async (emulator) => {
      const { command, junit } = await hostileRun(emulator, { flags: flagsOf(testCase.inputs) })

      expect(command.exitCode).not.toBeNull()
      expectSafeCommandOutput(command.stdout, command.stderr)
      expectSafeJunit(junit, 1)
      const document = JSON.parse(command.stdout) as {
        results: Record<string, unknown>[]
        serverVersion: string | null
      }
      if (testCase.exact) {
        expect(testCase.exact(document.results, document.serverVersion)).toBe(exactValue(testCase))
      }
    })
  )

  it("in a cancelled restart's job id and status, which its error names", () =>
    withEmulator(
      {
        ...quickClock,
        deployments: [
          defaultDeployments[0],
          { ...defaultDeployments[1], job: 'stuck', jobId: `j1 ${HOSTILE}` },
          defaultDeployments[2]
        ],
        faults: [{ method: 'GET', path: '/admin/jobs/', body: { status: HOSTILE } }]
      },
      async (emulator) => {
        const { command, junit } = await hostileRun(emulator, {
          // Once the unknown status has been read and told.
          signal: { name: 'SIGINT', when: (stderr) => stderr.includes('polling on until it ends') }
        })

        expect(command.exitCode).toBe(130)
        expectSafeCommandOutput(command.stdout, command.stderr)
        expectSafeJunit(junit, 1)
        const [result] = (JSON.parse(command.stdout) as { results: Record<string, unknown>[] })
          .results
        expect(result.jobId).toBe(`j1 ${HOSTILE}`)
        expect(result.error).toMatch(
          /^The run was cancelled while job j1 .* was .*; the restart goes on/
        )
      }
    ))
})
