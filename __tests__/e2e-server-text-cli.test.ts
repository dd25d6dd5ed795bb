// Hostile server text through every field, the built command against the emulator: nothing on stdout or stderr that
// GitHub, Azure Pipelines, GitLab or Jenkins would obey or a terminal would interpret; --json keeps the text as data.
import { describe, expect, it } from '@jest/globals'
import { runCommand } from '../emulator/run-command.ts'
import { withEmulator } from './support/e2e.ts'
import { exactValue, SERVER_TEXT_CASES } from './support/server-text-cases.ts'
import { expectSafeCommandOutput } from './support/server-text-checks.ts'

/** The flags of the inputs a case names, as the command spells them. */
function flagsOf(inputs: Record<string, string> = {}): string[] {
  return Object.entries(inputs).flatMap(([name, value]) =>
    value === 'true' ? [`--${name}`] : [`--${name}`, value]
  )
}

describe('dist/cli.js with hostile server text', () => {
  it.each(SERVER_TEXT_CASES)('in $field', (testCase) =>
    withEmulator(testCase.emulator, async (emulator) => {
      const command = await runCommand({
        args: [
          '--portal-url',
          emulator.portalUrl,
          '--deployment-id',
          emulator.deploymentIds[1],
          '--poll-interval',
          '250ms',
          '--timeout',
          '30s',
          '--json',
          ...flagsOf(testCase.inputs)
        ],
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(command.exitCode).not.toBeNull()
      expectSafeCommandOutput(command.stdout, command.stderr)
      const document = JSON.parse(command.stdout) as {
        results: Record<string, unknown>[]
        serverVersion: string | null
      }
      if (testCase.exact) {
        expect(testCase.exact(document.results, document.serverVersion)).toBe(exactValue(testCase))
      }
    })
  )
})
