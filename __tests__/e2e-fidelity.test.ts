// The built action against the emulator where a real admin API departs from the happy path in ways
// Esri documents or its own clients handle: errors while the admin API restarts, lost job records,
// failure details in a job's result, and the statuses CANCELLING and UNAVAILABLE. The ambiguous answers to the
// refresh are in e2e-refresh-once.test.ts, numeric versions and services in scaling in e2e-versions.test.ts.
import { describe, expect, it } from '@jest/globals'
import { scenarios, type DeploymentSeed } from '../emulator/server.ts'
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
      // timeout 5s: the grace period is half the time left when the job was submitted, about 2 s.
      const result = await run(stepInputs(emulator, { timeout: '5s', 'wait-for-ready': 'false' }))

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
