// The built action against the emulator: the token lifecycle, generated or given.
import { describe, expect, it } from '@jest/globals'
import { scenarios } from '../emulator/server.ts'
import {
  adminCredentials,
  failureOf,
  quickClock,
  requestsTo,
  resultsOf,
  run,
  stepInputs,
  whenRequested,
  withEmulator
} from './support/e2e.ts'

describe('tokens', () => {
  it('shares one generateToken between restarts running at once', () =>
    withEmulator({ ...quickClock, executingMs: 2_000 }, async (emulator) => {
      const running = run(
        stepInputs(emulator, {
          ...adminCredentials,
          'deployment-id': emulator.deploymentIds.join(','),
          'max-concurrency': '3'
        })
      )
      await whenRequested(emulator, '/admin/jobs/')
      emulator.expireTokens()
      const result = await running

      expect(result.exitCode).toBe(0)
      expect(requestsTo(emulator, 'POST', 'generateToken')).toHaveLength(2)
    }))

  it('generates a new token when the server refuses the current one mid-poll', () =>
    withEmulator({ ...quickClock, executingMs: 2_500 }, async (emulator) => {
      const running = run(stepInputs(emulator, adminCredentials))
      await whenRequested(emulator, '/admin/jobs/')
      emulator.expireTokens()
      const result = await running

      expect(result.exitCode).toBe(0)
      expect(requestsTo(emulator, 'POST', 'generateToken')).toHaveLength(2)
      expect(result.stdout).toContain('retrying with a new one')
    }))

  it('renews a generated token before it expires', () =>
    withEmulator(scenarios['token-expiry'], async (emulator) => {
      const result = await run(stepInputs(emulator, adminCredentials))

      expect(result.exitCode).toBe(0)
      expect(requestsTo(emulator, 'POST', 'generateToken').length).toBeGreaterThanOrEqual(2)
    }))

  it('fails with what to do when a fixed token expires mid-poll', () =>
    withEmulator({ ...quickClock, executingMs: 2_500 }, async (emulator) => {
      const running = run(stepInputs(emulator))
      await whenRequested(emulator, '/admin/jobs/')
      emulator.expireTokens()
      const result = await running

      expect(result.exitCode).toBe(1)
      const failure = failureOf(result)
      expect(failure).toContain('498')
      expect(failure).toContain('invalid or expired')
      expect(failure).toContain('mint a new')
      expect(result.outputs['job-id']).toMatch(/^j[\w-]+$/)
      // The job was seen before the token expired: its last status stays, it did not become ERROR.
      expect(['SUBMITTED', 'EXECUTING']).toContain(result.outputs['job-status'])
      expect(resultsOf(result)[0].status).toBe(result.outputs['job-status'])
    }))
})
