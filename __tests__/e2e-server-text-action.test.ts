// Hostile server text through every field, the built action against the emulator: the runner's log obeys only the
// action's own commands, the step summary renders no server markup, and the outputs keep the text as data.
import { describe, expect, it } from '@jest/globals'
import { commandMessages } from '../emulator/workflow-commands.ts'
import { defaultDeployments } from '../emulator/scenarios.ts'
import { KEPT_MESSAGES_LENGTH } from '../src/restart/run-report.ts'
import { quickClock, resultsOf, run, stepInputs, withEmulator } from './support/e2e.ts'
import { exactValue, SERVER_TEXT_CASES } from './support/server-text-cases.ts'
import {
  expectSafeAnnotation,
  expectSafeRunnerLog,
  expectSafeSummary
} from './support/server-text-checks.ts'

describe('dist/index.js with hostile server text', () => {
  it.each(SERVER_TEXT_CASES)('in $field', (testCase) =>
    withEmulator(testCase.emulator, async (emulator) => {
      const step = await run(stepInputs(emulator, { verify: 'true', ...testCase.inputs }))

      expect(step.exitCode).not.toBeNull()
      expectSafeRunnerLog(step.stdout, step.stderr)
      expectSafeSummary(step.summary, emulator.origin)
      for (const name of ['error', 'warning']) {
        for (const annotation of commandMessages(step.stdout, name)) {
          expectSafeAnnotation(annotation)
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

describe('dist/index.js when the server says a great deal', () => {
  it('keeps the log lines, the annotation and the summary bounded, and results to its stated size', () => {
    const messages = Array.from(
      { length: 3000 },
      (_, index) => `message ${index} ${'x'.repeat(1500)}`
    )
    const deployments = defaultDeployments.map((seed) => ({
      ...seed,
      job: 'fail' as const,
      failureMessages: messages
    }))
    return withEmulator({ ...quickClock, deployments }, async (emulator) => {
      const step = await run(
        stepInputs(emulator, {
          'deployment-id': emulator.deploymentIds.join(','),
          'max-concurrency': '3'
        })
      )

      expect(step.exitCode).toBe(1)
      const longest = Math.max(...step.stdout.split('\n').map((line) => line.length))
      expect(longest).toBeLessThan(40_000)
      expect(Buffer.byteLength(step.summary)).toBeLessThan(512 * 1024)
      expect(step.summary).toContain('message 0 xxx')
      for (const result of resultsOf(step) as unknown as { messages: string[] }[]) {
        expect(result.messages.join('').length).toBeLessThanOrEqual(KEPT_MESSAGES_LENGTH + 100)
        expect(result.messages[0]).toBe(messages[0])
        expect(result.messages.at(-1)).toMatch(/^… \d+ more messages not kept$/)
      }
    })
  })
})
