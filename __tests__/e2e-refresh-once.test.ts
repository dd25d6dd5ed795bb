// The built action against the emulator: the refresh is never sent twice when the server may have acted on it (an
// ambiguous answer: a 502 or 504 after the job started, an answer after the request timeout).
import { describe, expect, it } from '@jest/globals'
import { ingressPage } from '../emulator/scenarios.ts'
import { scenarios, type Emulator } from '../emulator/server.ts'
import { commandMessages } from '../emulator/workflow-commands.ts'
import {
  failureOf,
  logLines,
  quickClock,
  requestsTo,
  resultsOf,
  run,
  stepInputs,
  withEmulator
} from './support/e2e.ts'

/** The job listing GETs, as opposed to the GETs of one job. */
function listingReads(emulator: Emulator) {
  return emulator.requests.filter(
    (request) => request.method === 'GET' && request.path === '/arcgis/admin/jobs'
  )
}

describe('the refresh is never sent twice when the server may have acted on it', () => {
  it('follows the job of a refresh answered 504 after it started, without sending it again', () =>
    withEmulator(scenarios['refresh-504-started'], async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(0)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
      expect(listingReads(emulator).length).toBeGreaterThanOrEqual(1)
      const jobId = result.outputs['job-id']
      expect(jobId).toMatch(/^j[\w-]+$/)
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
      // timeout 5s: time to look again after 2 s, not 4 s later: the step's deadline bounds the search too.
      const result = await run(stepInputs(emulator, { timeout: '5s' }))

      expect(result.exitCode).toBe(1)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
      // It looks again: a job can be listed a moment late.
      expect(listingReads(emulator)).toHaveLength(2)
      expect(result.outputs).toMatchObject({ outcome: 'failure', 'job-status': 'UNKNOWN' })
      expect(resultsOf(result)[0]).toMatchObject({ jobId: null, status: 'UNKNOWN', ready: null })
      const failure = failureOf(result)
      expect(failure).toMatch(
        /^parcels-featureserver \(pq3tbhwamxr8e0cd2uyzn\): The refresh of parcels-featureserver \(pq3tbhwamxr8e0cd2uyzn\) got no clear answer \(HTTP 504 with a non-JSON answer \(504 Gateway Time-out\)\), so the restart may have started; the admin API lists no refresh job for it submitted since \d{4}-\d\d-\d\dT[\d:.]+Z \(its list of jobs is empty\)\. Its status now: 1\/1 replicas ready, STARTED\. Another run will restart it again\.$/
      )
      expect(result.summary).toContain('Another run will restart it again.')
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
