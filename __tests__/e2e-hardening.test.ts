// The built action against the emulator: transient faults, answers the API brief allows, and cancellation.
import { describe, expect, it } from '@jest/globals'
import { scenarios } from '../emulator/server.ts'
import {
  failureOf,
  quickClock,
  requestsTo,
  resultsOf,
  run,
  stepInputs,
  withEmulator
} from './support/e2e.ts'

describe('transient faults', () => {
  it('polls through an admin API that answers 503 HTML for a while, and says so once', () =>
    withEmulator(scenarios.unavailable, async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(0)
      expect(result.outputs.outcome).toBe('success')
      const jobPolls = requestsTo(emulator, 'GET', '/admin/jobs/')
      expect(jobPolls.length).toBeGreaterThanOrEqual(4)
      expect(result.stdout.match(/not answering/g)).toHaveLength(1)
      expect(result.stdout).toContain('503 Service Temporarily Unavailable')
    }))

  it('retries a throttled refresh after Retry-After', () =>
    withEmulator(scenarios['rate-limited'], async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(0)
      const refreshes = requestsTo(emulator, 'POST', '/refresh')
      expect(refreshes).toHaveLength(2)
      expect(refreshes[1].at - refreshes[0].at).toBeGreaterThanOrEqual(950)
    }))

  it('does not retry a refresh whose connection broke after it was sent', () =>
    withEmulator(quickClock, async (emulator) => {
      emulator.addFault({ method: 'POST', path: '/refresh', destroy: true, times: 1 })
      // timeout 4s: the search for its job looks again once (after 2 s), not a second time after 4 s more.
      const result = await run(stepInputs(emulator, { timeout: '4s' }))

      expect(result.exitCode).toBe(1)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
      expect(failureOf(result)).toContain(
        `The refresh of parcels-featureserver (${emulator.deploymentIds[1]}) got no clear answer (connection failed (ECONNRESET)`
      )
      expect(failureOf(result)).toContain('the restart may have started')
      expect(result.outputs.outcome).toBe('failure')
    }))
})

describe('answers the brief allows', () => {
  it('waits through an admin API that answers 503 at the start, until it is back', () =>
    withEmulator(quickClock, async (emulator) => {
      emulator.addFault({
        method: 'GET',
        path: /\/admin$/,
        times: 2,
        status: 503,
        body: '<html>busy</html>'
      })
      const result = await run(stepInputs(emulator), { env: { RUNNER_DEBUG: '1' } })

      expect(result.exitCode).toBe(0)
      expect(
        requestsTo(emulator, 'GET', '/admin').filter((request) => request.path === '/arcgis/admin')
      ).toHaveLength(3)
      expect(result.stdout.match(/trying again for up to /g)).toHaveLength(1)
    }))

  it('fails at once, with the role hint, on a 403 page', () =>
    withEmulator(quickClock, async (emulator) => {
      emulator.addFault({
        path: /\/admin$/,
        status: 403,
        body: '<html><title>Forbidden</title></html>'
      })
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(1)
      expect(emulator.requests).toHaveLength(1)
      expect(failureOf(result)).toContain('HTTP 403')
      expect(failureOf(result)).toContain('default Administrator role')
    }))

  it('reads a FAILED job that also carries an error object', () =>
    withEmulator(quickClock, async (emulator) => {
      emulator.addFault({
        method: 'GET',
        path: '/admin/jobs/',
        body: { status: 'FAILED', error: { code: 500, message: 'Pods crashed.' } }
      })
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ outcome: 'failure', 'job-status': 'FAILED' })
      expect(failureOf(result)).toContain('ended FAILED: Pods crashed.')
    }))

  it('reads jobStatus keys and counts given as strings', () =>
    withEmulator(quickClock, async (emulator) => {
      emulator.addFault({ method: 'GET', path: '/admin/jobs/', body: { jobStatus: 'COMPLETED' } })
      emulator.addFault({
        method: 'GET',
        path: '/status',
        body: { currentState: 'STARTED', readyReplicas: '2', totalReplicas: '2' }
      })
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(0)
      expect(resultsOf(result)[0]).toMatchObject({ status: 'COMPLETED', ready: true })
    }))

  it('fails with FAILED when a COMPLETED job carries an error in its result', () =>
    withEmulator(
      {
        ...quickClock,
        deployments: [
          {
            deploymentId: 'broken',
            name: 'broken-mapserver',
            job: 'complete-with-error' as const,
            failureMessages: ['Pods not recreated.']
          }
        ]
      },
      async (emulator) => {
        const result = await run(stepInputs(emulator, { 'deployment-id': 'broken' }))

        expect(result.exitCode).toBe(1)
        expect(result.outputs).toMatchObject({ outcome: 'failure', 'job-status': 'FAILED' })
        expect(failureOf(result)).toContain(
          'completed with an error in its result: Pods not recreated.'
        )
      }
    ))
})

describe('cancellation', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'on %s stops polling, reports the submitted job and exits non-zero within 2 s',
    (signal) =>
      withEmulator(scenarios.stuck, async (emulator) => {
        let signalledAt = 0
        const result = await run(stepInputs(emulator, { timeout: '1m' }), {
          signal: {
            name: signal,
            when: (stdout) => {
              const submitted = /Job j[\w-]+: EXECUTING/.test(stdout)
              if (submitted) signalledAt = Date.now()
              return submitted
            }
          }
        })
        const exitedAt = Date.now()

        expect(signalledAt).toBeGreaterThan(0)
        expect(exitedAt - signalledAt).toBeLessThan(2_000)
        expect(result.exitCode).not.toBe(0)
        expect(result.exitCode).not.toBeNull()
        const jobId = result.outputs['job-id']
        expect(jobId).toMatch(/^j[\w-]+$/)
        expect(result.outputs).toMatchObject({ outcome: 'cancelled', 'job-status': 'EXECUTING' })
        expect(result.stdout).toContain(`Job ${jobId} of parcels-featureserver`)
        expect(result.stdout).toContain(`${emulator.portalUrl}/admin/jobs/${jobId}`)
        expect(result.summary).toContain('cancelled')
        expect(failureOf(result)).toContain('cancelled')
      })
  )
})
