// Hostile server text through every field, the built action against the emulator: the runner's log obeys only the
// action's own commands, the step summary renders no server markup, and the outputs keep the text as data.
import { describe, expect, it } from '@jest/globals'
import { commandMessages } from '../emulator/workflow-commands.ts'
import { resultsOf, run, stepInputs, withEmulator } from './support/e2e.ts'
import { HOSTILE_TEXTS } from './support/hostile-text.ts'
import { exactValue, SERVER_TEXT_CASES } from './support/server-text-cases.ts'
import { expectSafeRunnerLog, expectSafeSummary } from './support/server-text-checks.ts'

describe('dist/index.js with hostile server text', () => {
  it.each(SERVER_TEXT_CASES)('in $field', (testCase) =>
    withEmulator(testCase.emulator, async (emulator) => {
      const step = await run(stepInputs(emulator, { verify: 'true', ...testCase.inputs }))

      expect(step.exitCode).not.toBeNull()
      expectSafeRunnerLog(step.stdout, step.stderr)
      expectSafeSummary(step.summary, emulator.origin)
      for (const name of ['error', 'warning']) {
        for (const annotation of commandMessages(step.stdout, name)) {
          for (const text of HOSTILE_TEXTS) expect(annotation).not.toContain(text)
        }
      }
      const results = resultsOf(step) as unknown as Record<string, unknown>[]
      expect(results.length).toBeGreaterThan(0)
      if (testCase.exact) {
        expect(testCase.exact(results, step.outputs['server-version'])).toBe(exactValue(testCase))
      }
    })
  )
})
