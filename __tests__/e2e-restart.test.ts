// The built action against the emulator: the main restart paths.
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

describe('dist/index.js against the emulator', () => {
  it('restarts a deployment with only the required inputs and reports it', () =>
    withEmulator(quickClock, async (emulator) => {
      const id = emulator.deploymentIds[1]
      const result = await run({
        'portal-url': `${emulator.portalUrl}/admin/`,
        token: emulator.token,
        'deployment-id': id
      })

      expect(result.exitCode).toBe(0)
      const [refresh] = requestsTo(emulator, 'POST', '/refresh')
      expect(refresh.path).toBe(`/arcgis/admin/system/deployments/${id}/refresh`)
      expect(refresh.form).toEqual({ async: 'true', f: 'json', token: emulator.token })
      expect(refresh.headers['content-type']).toBe('application/x-www-form-urlencoded')
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)

      const polls = requestsTo(emulator, 'GET', '/admin/jobs/')
      expect(polls.length).toBeGreaterThan(0)
      const jobId = result.outputs['job-id']
      for (const poll of polls) {
        expect(poll.path).toBe(`/arcgis/admin/jobs/${jobId}`)
        expect(poll.query).toEqual({ f: 'json' })
        expect(poll.headers['x-esri-authorization']).toBe(`Bearer ${emulator.token}`)
      }
      expect(requestsTo(emulator, 'GET', `/deployments/${id}/status`).length).toBeGreaterThan(0)
      for (const request of emulator.requests)
        expect(JSON.stringify(request.query)).not.toContain(emulator.token)

      expect(result.outputs).toMatchObject({
        'deployment-id': id,
        'job-id': expect.stringMatching(/^j[\w-]+$/),
        'jobs-url': `${emulator.portalUrl}/admin/jobs/${jobId}`,
        'job-status': 'COMPLETED',
        outcome: 'success',
        'server-version': '11.4',
        'duration-seconds': expect.stringMatching(/^\d+$/)
      })
      expect(resultsOf(result)).toEqual([
        {
          deploymentId: id,
          name: 'parcels-featureserver',
          service: null,
          jobId,
          jobsUrl: `${emulator.portalUrl}/admin/jobs/${jobId}`,
          status: 'COMPLETED',
          ready: true,
          verified: true,
          durationSeconds: expect.any(Number),
          error: null,
          stoppedServices: [],
          note: null,
          messages: [],
          health: null,
          healthReason: null
        }
      ])
      expect(result.summary).toContain('<td>parcels-featureserver</td>')
      expect(result.summary).toContain(
        `<a href="${emulator.portalUrl}/admin/jobs/${jobId}">${jobId}</a>`
      )
      expect(result.stdout).toContain('::group::Restart parcels-featureserver')
      expect(result.stdout).toContain('All pods are ready')
    }))

  it('fails the step with the job messages when the job ends FAILED', () =>
    withEmulator(scenarios['job-failed'], async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ outcome: 'failure', 'job-status': 'FAILED' })
      const failure = failureOf(result)
      expect(failure).toContain('parcels-featureserver')
      expect(failure).toContain(result.outputs['job-id'])
      expect(failure).toContain('FAILED')
      expect(failure).toContain('CrashLoopBackOff')
      expect(resultsOf(result)[0]).toMatchObject({ status: 'FAILED', ready: null })
      expect(result.summary).toContain('CrashLoopBackOff')
      // The pods are not waited for (the services' status was read before the restart).
      expect(
        requestsTo(emulator, 'GET', `/deployments/${emulator.deploymentIds[1]}/status`)
      ).toHaveLength(0)
    }))

  it.each(['error-200-admin', 'error-200-portal'])(
    'fails with the server messages of an HTTP 200 error body (%s)',
    (scenario) =>
      withEmulator(scenarios[scenario], async (emulator) => {
        const result = await run(stepInputs(emulator))

        expect(result.exitCode).toBe(1)
        expect(result.outputs).toMatchObject({
          outcome: 'failure',
          'job-status': 'ERROR',
          'job-id': ''
        })
        const failure = failureOf(result)
        expect(failure).toContain(`refresh of deployment ${emulator.deploymentIds[1]} failed`)
        expect(failure).toContain('did not answer')
        expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
        expect(requestsTo(emulator, 'GET', '/admin/jobs/')).toHaveLength(0)
      })
  )

  it('fails before any restart when the token is refused, and says what to do', () =>
    withEmulator(quickClock, async (emulator) => {
      const result = await run(stepInputs(emulator, { token: 'not-a-valid-token' }))

      expect(result.exitCode).toBe(1)
      expect(result.outputs.outcome).toBe('failure')
      const failure = failureOf(result)
      expect(failure).toContain('498')
      expect(failure).toMatch(/invalid or expired/)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(0)
    }))

  it('generates a referer-bound token from username and password', () =>
    withEmulator(quickClock, async (emulator) => {
      const result = await run(
        stepInputs(emulator, { token: '', username: 'admin', password: 'emulator-password' })
      )

      expect(result.exitCode).toBe(0)
      const [generate] = requestsTo(emulator, 'POST', '/sharing/rest/generateToken')
      expect(generate.path).toBe('/arcgis/sharing/rest/generateToken')
      expect(generate.form).toMatchObject({
        username: 'admin',
        password: 'emulator-password',
        client: 'referer',
        referer: emulator.origin,
        f: 'json'
      })
      expect(Number(generate.form.expiration)).toBeGreaterThanOrEqual(1)
      const [refresh] = requestsTo(emulator, 'POST', '/refresh')
      expect(refresh.form.token).toBeTruthy()
      expect(refresh.form.token).not.toBe(emulator.token)
      for (const request of emulator.requests.filter(
        (each) => !each.path.endsWith('generateToken')
      )) {
        expect(request.headers.referer).toBe(emulator.origin)
      }
    }))

  it('still fails the step when the step summary cannot be written', () =>
    withEmulator(scenarios['job-failed'], async (emulator) => {
      const result = await run(stepInputs(emulator), {
        env: { GITHUB_STEP_SUMMARY: '/nonexistent-dir/summary.md' }
      })

      expect(result.exitCode).toBe(1)
      expect(failureOf(result)).toContain('CrashLoopBackOff')
      expect(result.stdout).toContain('::warning::The step summary could not be written')
    }))

  it('returns right after submitting with wait: false', () =>
    withEmulator(quickClock, async (emulator) => {
      const result = await run(stepInputs(emulator, { wait: 'false' }))

      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({ outcome: 'submitted', 'job-status': 'SUBMITTED' })
      expect(result.outputs['job-id']).toMatch(/^j[\w-]+$/)
      expect(requestsTo(emulator, 'GET', '/admin/jobs/')).toHaveLength(0)
      expect(requestsTo(emulator, 'GET', '/status')).toHaveLength(0)
    }))

  it('takes the synchronous answer of a 10.9.0 server as the result', () =>
    withEmulator(scenarios['sync-10.9.0'], async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({
        outcome: 'success',
        'job-status': 'COMPLETED',
        'job-id': ''
      })
      expect(result.outputs['server-version']).toBe('10.9')
      expect(result.stdout).toContain('no restart jobs')
      expect(requestsTo(emulator, 'GET', '/admin/jobs/')).toHaveLength(0)
      expect(resultsOf(result)[0]).toMatchObject({ status: 'COMPLETED', ready: true })
    }))

  it('reports success for a synchronous answer even with wait: false (the restart is done)', () =>
    withEmulator(scenarios['sync-10.9.0'], async (emulator) => {
      const result = await run(stepInputs(emulator, { wait: 'false' }))

      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({
        outcome: 'success',
        'job-status': 'COMPLETED',
        'job-id': ''
      })
      expect(requestsTo(emulator, 'GET', '/status')).toHaveLength(0)
    }))

  it('accepts lower-case jobid/status keys', () =>
    withEmulator(scenarios['lowercase-keys'], async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(0)
      expect(result.outputs['job-id']).toMatch(/^j[\w-]+$/)
      expect(
        requestsTo(emulator, 'GET', `/admin/jobs/${result.outputs['job-id']}`).length
      ).toBeGreaterThan(0)
    }))

  it('stops at the timeout on a stuck job with the last status seen', () =>
    withEmulator(scenarios.stuck, async (emulator) => {
      const result = await run(stepInputs(emulator, { timeout: '3s' }))

      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ outcome: 'timeout', 'job-status': 'EXECUTING' })
      expect(failureOf(result)).toMatch(/timeout/)
      expect(result.durationMs).toBeLessThan(15_000)
    }))

  it('goes on without the version when the admin root does not tell it', () =>
    withEmulator(quickClock, async (emulator) => {
      emulator.addFault({
        method: 'GET',
        path: /\/admin$/,
        body: { status: 'error', messages: ['Resource not found.'], code: 404 }
      })
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({ outcome: 'success', 'server-version': '' })
      expect(result.stdout).toMatch(
        /::warning::The admin API did not tell its version.*Resource not found/
      )
    }))

  it('refuses a bad input before sending any request, naming the input', () =>
    withEmulator(quickClock, async (emulator) => {
      const result = await run(
        stepInputs(emulator, { 'deployment-id': '../admin', timeout: 'soon' })
      )

      expect(result.exitCode).toBe(1)
      const failure = failureOf(result)
      expect(failure).toContain('deployment-id "../admin"')
      expect(failure).toContain('timeout "soon"')
      expect(result.outputs.outcome).toBe('failure')
      expect(emulator.requests).toHaveLength(0)
    }))
})
