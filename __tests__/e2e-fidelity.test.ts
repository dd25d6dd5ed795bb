// The built action against the emulator where a real admin API departs from the happy path in ways
// Esri documents or its own clients handle: errors while the admin API restarts, lost job records,
// ambiguous answers to the refresh, failure details in a job's result, a numeric currentVersion,
// services whose deployments are only in their scaling resource, and the statuses CANCELLING and
// UNAVAILABLE.
import { describe, expect, it } from '@jest/globals'
import { ingressPage } from '../emulator/scenarios.ts'
import { scenarios, type DeploymentSeed, type Emulator } from '../emulator/server.ts'
import { commandMessages } from '../emulator/workflow-commands.ts'
import {
  failureOf,
  quickClock,
  requestsTo,
  resultsOf,
  run,
  stepInputs,
  withEmulator,
  type ActionRun
} from './support/e2e.ts'

/** The plain log lines (no workflow commands) of a run. */
function logLines(result: ActionRun): string[] {
  return result.stdout.split(/\r?\n/).filter((line) => !line.startsWith('::'))
}

/** The job listing GETs, as opposed to the GETs of one job. */
function listingReads(emulator: Emulator) {
  return emulator.requests.filter(
    (request) => request.method === 'GET' && request.path === '/arcgis/admin/jobs'
  )
}

describe('polling through the admin API’s own restarts', () => {
  it('counts JSON 500 errors and "Job not found" answers as pending, and says so once', () =>
    withEmulator(scenarios['poll-errors'], async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({ outcome: 'success', 'job-status': 'COMPLETED' })
      const jobId = result.outputs['job-id']
      // The first poll, two JSON 500s, two "Job not found", then the job again until it completed.
      expect(requestsTo(emulator, 'GET', `/admin/jobs/${jobId}`).length).toBeGreaterThanOrEqual(6)
      expect(logLines(result).filter((line) => line.includes('not answering'))).toEqual([
        `Job ${jobId}: the admin API is not answering (ArcGIS error 500: Internal server error. (HTTP 500)); still waiting`,
        'Pods of parcels-featureserver (pq3tbhwamxr8e0cd2uyzn): the admin API is not answering (ArcGIS error 500: Internal server error. (HTTP 500)); still waiting'
      ])
      expect(logLines(result)).toContain(`Job ${jobId}: the admin API answers again`)
      expect(resultsOf(result)[0]).toMatchObject({ status: 'COMPLETED', ready: true, error: null })
    }))

  it('still stops at once on a 403 while polling', () =>
    withEmulator(quickClock, async (emulator) => {
      emulator.addFault({
        method: 'GET',
        path: '/admin/jobs/',
        skip: 1,
        body: { status: 'error', messages: ['Not permitted.'], code: 403 }
      })
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(1)
      expect(result.outputs.outcome).toBe('failure')
      expect(requestsTo(emulator, 'GET', '/admin/jobs/')).toHaveLength(2)
      expect(failureOf(result)).toContain('ArcGIS error 403: Not permitted.')
      expect(failureOf(result)).toContain('default Administrator role')
    }))

  it('gives up on a lost job record after its grace period, checks the pods, and says so', () =>
    withEmulator(scenarios['job-record-lost'], async (emulator) => {
      // timeout 8s: the grace period is half the time left when the job was submitted, about 4 s.
      const result = await run(stepInputs(emulator, { timeout: '8s', 'wait-for-ready': 'false' }))

      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({ outcome: 'success', 'job-status': 'UNKNOWN' })
      const jobId = result.outputs['job-id']
      expect(resultsOf(result)[0]).toMatchObject({ jobId, status: 'UNKNOWN', ready: true })
      const [warning] = commandMessages(result.stdout, 'warning')
      expect(warning).toMatch(
        new RegExp(
          `^parcels-featureserver \\(pq3tbhwamxr8e0cd2uyzn\\): Job ${jobId} could not be read for \\d+s \\(last: ArcGIS error 404: Job not found \\(HTTP 200\\)\\): its record may have been lost`
        )
      )
      // The pods are the only evidence left, so they are checked even with wait-for-ready: false.
      expect(requestsTo(emulator, 'GET', '/status').length).toBeGreaterThan(0)
      expect(logLines(result)).toContain('All pods are ready')
      expect(result.summary).toContain('<h4>Worth knowing</h4>')
      expect(result.summary).toMatch(
        new RegExp(
          `Job ${jobId} could not be read for \\d+s \\(last: ArcGIS error 404: Job not found \\(HTTP 200\\)\\): its record was lost, so whether the job completed is unknown`
        )
      )
    }))
})

describe('the refresh is never sent twice when the server may have acted on it', () => {
  it('follows the job of a refresh answered 504 after it started, without sending it again', () =>
    withEmulator(scenarios['refresh-504-started'], async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(0)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
      expect(listingReads(emulator).length).toBeGreaterThanOrEqual(1)
      const jobId = result.outputs['job-id']
      expect(jobId).toMatch(/^j\w+$/)
      expect(result.outputs).toMatchObject({ outcome: 'success', 'job-status': 'COMPLETED' })
      expect(requestsTo(emulator, 'GET', `/admin/jobs/${jobId}`).length).toBeGreaterThan(1)
      expect(commandMessages(result.stdout, 'warning')).toEqual([
        'parcels-featureserver (pq3tbhwamxr8e0cd2uyzn): The refresh got no clear answer (HTTP 504 with a non-JSON answer (504 Gateway Time-out)): it may have reached the admin API, so it is not sent again.'
      ])
      expect(logLines(result)).toContain(`Found its job ${jobId} (SUBMITTED); following it.`)
      expect(logLines(result)).toContain('All pods are ready')
    }))

  it('follows the job of a refresh answered 502, from a listing of job records', () =>
    withEmulator(scenarios['refresh-502-started'], async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(0)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
      expect(result.outputs).toMatchObject({ outcome: 'success', 'job-status': 'COMPLETED' })
      expect(failureOf(result)).toBe('')
      expect(commandMessages(result.stdout, 'warning')[0]).toContain('(HTTP 502 with a non-JSON')
    }))

  it('follows the job of a refresh whose answer came after the request timeout', () =>
    withEmulator(quickClock, async (emulator) => {
      // The admin API starts the job 2 s after the refresh arrived; the action gave up after 1 s.
      emulator.addFault({ method: 'POST', path: '/refresh', times: 1, delayMs: 2_000 })
      const result = await run(stepInputs(emulator, { 'request-timeout': '1s' }))

      expect(result.exitCode).toBe(0)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
      expect(listingReads(emulator).length).toBeGreaterThanOrEqual(2)
      expect(result.outputs.outcome).toBe('success')
      expect(commandMessages(result.stdout, 'warning')[0]).toContain(
        'The refresh got no clear answer (no answer in time: no complete answer within 1000 ms)'
      )
    }))

  it('fails with what it knows when no job of an ambiguous refresh can be found', () =>
    withEmulator(scenarios['refresh-504-lost'], async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(1)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
      // It looks three times: a job can be listed a moment late.
      expect(listingReads(emulator)).toHaveLength(3)
      expect(result.outputs).toMatchObject({ outcome: 'failure', 'job-status': 'UNKNOWN' })
      expect(resultsOf(result)[0]).toMatchObject({ jobId: null, status: 'UNKNOWN', ready: null })
      const failure = failureOf(result)
      expect(failure).toMatch(
        /^parcels-featureserver \(pq3tbhwamxr8e0cd2uyzn\): The refresh of parcels-featureserver \(pq3tbhwamxr8e0cd2uyzn\) got no clear answer \(HTTP 504 with a non-JSON answer \(504 Gateway Time-out\)\), so the restart may have started; the admin API lists no refresh job for it submitted since \d{4}-\d\d-\d\dT[\d:.]+Z\. Its status now: 1\/1 replicas ready, STARTED\. Re-running the step will restart it again\.$/
      )
      expect(result.summary).toContain('Re-running the step will restart it again.')
    }))

  it('sends the refresh again after a 503 from the ingress: it never reached the admin API', () =>
    withEmulator(quickClock, async (emulator) => {
      emulator.addFault({
        method: 'POST',
        path: '/refresh',
        times: 1,
        status: 503,
        body: ingressPage(503, 'Service Temporarily Unavailable')
      })
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(0)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(2)
      expect(listingReads(emulator)).toHaveLength(0)
      expect(result.outputs.outcome).toBe('success')
    }))
})

describe('why a job failed', () => {
  const failureMessages = ['Readiness probe failed', 'Back-off restarting failed container']
  const reason = failureMessages.join(' ')

  it.each(['result', 'result-error', 'result-error-object', 'messages'] as const)(
    'shows the reason of a FAILED job that gives it in %s, in the log, the error and the summary',
    (failureShape) => {
      const seed: DeploymentSeed = {
        deploymentId: 'd1',
        name: 'd1-mapserver',
        job: 'fail',
        failureMessages,
        failureShape
      }
      return withEmulator({ ...quickClock, deployments: [seed] }, async (emulator) => {
        const result = await run(stepInputs(emulator, { 'deployment-id': 'd1' }))

        expect(result.exitCode).toBe(1)
        expect(result.outputs).toMatchObject({ outcome: 'failure', 'job-status': 'FAILED' })
        const line = `Job ${result.outputs['job-id']} ended FAILED: ${reason}`
        expect(logLines(result)).toContain(line)
        expect(failureOf(result)).toBe(`d1-mapserver (d1): ${line}`)
        expect(result.summary).toContain(`<li>d1-mapserver (d1): ${line}</li>`)
      })
    }
  )
})

describe('versions and services', () => {
  it('reads a currentVersion given only as a JSON number', () =>
    withEmulator(scenarios['numeric-version'], async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({ 'server-version': '11.4', outcome: 'success' })
      expect(requestsTo(emulator, 'GET', '/admin/jobs/').length).toBeGreaterThan(0)
    }))

  it('takes a numeric currentVersion 10.9 for a server without restart jobs', () =>
    withEmulator(
      { ...quickClock, numericVersion: true, version: '10.9', syncRefresh: true },
      async (emulator) => {
        const result = await run(stepInputs(emulator))

        expect(result.exitCode).toBe(0)
        expect(result.outputs).toMatchObject({ 'server-version': '10.9', 'job-id': '' })
        expect(result.stdout).toContain('This version has no restart jobs')
        expect(requestsTo(emulator, 'GET', '/admin/jobs')).toHaveLength(0)
      }
    ))

  it('finds the deployment of a service in its scaling resource', () =>
    withEmulator(scenarios['services-in-scaling'], async (emulator) => {
      const result = await run(
        stepInputs(emulator, { 'deployment-id': '', service: 'Hosted/Parcels.FeatureServer' })
      )

      expect(result.exitCode).toBe(0)
      const parcelsId = emulator.deploymentIds[1]
      expect(
        requestsTo(emulator, 'GET', '/admin/services/Hosted/Parcels.FeatureServer/scaling')
      ).toHaveLength(1)
      expect(requestsTo(emulator, 'POST', '/refresh').map((request) => request.path)).toEqual([
        `/arcgis/admin/system/deployments/${parcelsId}/refresh`
      ])
      expect(result.outputs['deployment-id']).toBe(parcelsId)
      expect(resultsOf(result)[0]).toMatchObject({
        service: 'Hosted/Parcels.FeatureServer',
        status: 'COMPLETED'
      })
    }))

  it('restarts each deployment of a service that runs in two, once', () =>
    withEmulator(scenarios['services-in-scaling'], async (emulator) => {
      const result = await run(
        stepInputs(emulator, {
          'deployment-id': '',
          service: 'Basemaps/Streets.MapServer\nSampleWorldCities.MapServer'
        })
      )

      expect(result.exitCode).toBe(0)
      const [sharedId, , waterId] = emulator.deploymentIds
      expect(
        requestsTo(emulator, 'POST', '/refresh').map((request) => request.path.split('/')[5])
      ).toEqual([sharedId, waterId])
      expect(result.outputs['deployment-id']).toBe(`${sharedId},${waterId}`)
      expect(logLines(result)).toContain(
        `Service Basemaps/Streets.MapServer runs in deployments ${sharedId}, ${waterId}`
      )
      expect(resultsOf(result).map((item) => item.service)).toEqual([
        'Basemaps/Streets.MapServer,SampleWorldCities.MapServer',
        'Basemaps/Streets.MapServer'
      ])
    }))
})

describe('the statuses CANCELLING and UNAVAILABLE', () => {
  it('polls a job through CANCELLING and fails it when it ends CANCELLED', () =>
    withEmulator(scenarios['job-cancelled'], async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(1)
      const jobId = result.outputs['job-id']
      expect(logLines(result)).toEqual(
        expect.arrayContaining([`Job ${jobId}: EXECUTING`, `Job ${jobId}: CANCELLING`])
      )
      expect(result.outputs).toMatchObject({ outcome: 'failure', 'job-status': 'CANCELLED' })
      expect(failureOf(result)).toContain(`Job ${jobId} ended CANCELLED: The job was cancelled.`)
    }))

  it('polls on through a job that is briefly UNAVAILABLE', () =>
    withEmulator(scenarios['job-unavailable'], async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(0)
      const jobId = result.outputs['job-id']
      const statusLines = logLines(result).filter((line) => line.startsWith(`Job ${jobId}:`))
      expect(statusLines).toEqual(
        expect.arrayContaining([`Job ${jobId}: EXECUTING`, `Job ${jobId}: UNAVAILABLE`])
      )
      expect(statusLines.indexOf(`Job ${jobId}: UNAVAILABLE`)).toBeLessThan(
        statusLines.lastIndexOf(`Job ${jobId}: EXECUTING`)
      )
      expect(result.outputs).toMatchObject({ outcome: 'success', 'job-status': 'COMPLETED' })
      expect(commandMessages(result.stdout, 'warning')).toEqual([])
    }))
})
