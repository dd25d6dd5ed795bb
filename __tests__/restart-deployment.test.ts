import { describe, expect, it } from '@jest/globals'
import { CancelledError } from '../src/common/cancellation.js'
import { Deadline } from '../src/common/deadline.js'
import { ArcGISRequestError } from '../src/arcgis/request-error.js'
import { restartDeployment, type RestartContext } from '../src/restart/restart-deployment.js'
import { REFRESHING, type RestartResult } from '../src/restart/results.js'
import type { Target } from '../src/restart/targets.js'
import { fakeClient, job, ready, type FakeClientScript } from './support/fake-client.js'
import { recordingLogger } from './support/recording-logger.js'
import { text } from './support/server-texts.js'
import { INPUT_VOCABULARY } from '../src/common/vocabulary.js'

const ORIGIN = 'https://gis.example.com'
const target: Target = { deployment: { id: 'd1', name: text('shared-mapserver') }, services: [] }
const JOBS_URL = `${ORIGIN}/arcgis/admin/jobs/j1`

function setUp(script: FakeClientScript = {}, overrides: Partial<RestartContext> = {}) {
  const { client, asClient } = fakeClient(script)
  // Snapshots of the result each time the outputs are told about it.
  const changes: RestartResult[] = []
  const context: RestartContext = {
    client: asClient,
    deadline: new Deadline(10_000),
    wait: true,
    waitForReady: true,
    pollIntervalMs: 5,
    portalUrl: `${ORIGIN}/arcgis`,
    synchronousRefresh: false,
    words: INPUT_VOCABULARY,
    onChange: (result) => changes.push({ ...result }),
    ...overrides
  }
  const logger = recordingLogger()
  return {
    client,
    context,
    logger,
    changes,
    run: () => restartDeployment(target, context, logger)
  }
}

describe('restartDeployment', () => {
  it('refreshes, waits for the job, then for the pods, and reports success', async () => {
    const { client, logger, changes, run } = setUp({
      refresh: [{ kind: 'job', jobId: text('j1'), jobsUrl: text(JOBS_URL), status: 'SUBMITTED' }],
      jobs: [job('SUBMITTED'), job('EXECUTING'), job('EXECUTING'), job('COMPLETED')],
      statuses: [{ currentState: 'STARTED', readyReplicas: 0, totalReplicas: 1 }, ready]
    })
    const result = await run()
    expect(result).toEqual({
      deploymentId: 'd1',
      name: text('shared-mapserver'),
      service: undefined,
      jobId: text('j1'),
      jobsUrl: text(JOBS_URL),
      status: 'COMPLETED',
      ready: true,
      verified: null,
      durationSeconds: expect.any(Number),
      outcome: 'success'
    })
    expect(client.refreshDeployment.mock.calls).toEqual([['d1', undefined]])
    expect(client.getJob).toHaveBeenCalledTimes(4)
    expect(client.getJob.mock.calls.every(([id]) => id.raw === 'j1')).toBe(true)
    expect(client.getDeploymentStatus).toHaveBeenCalledTimes(2)
    expect(client.getDeploymentStatus.mock.calls[0]).toEqual(['d1', 'once'])
    // The outputs hear of the refresh as it goes out, then of its job.
    expect(changes[0].jobId).toBeUndefined()
    expect(changes).toEqual([
      expect.objectContaining({ status: REFRESHING }),
      expect.objectContaining({ jobId: text('j1'), jobsUrl: text(JOBS_URL), status: 'SUBMITTED' })
    ])
    expect(logger.infos()).toEqual([
      'Refreshing deployment shared-mapserver (d1)',
      `Job j1 submitted: ${JOBS_URL}`,
      'Job j1: SUBMITTED',
      'Job j1: EXECUTING',
      'Job j1 completed',
      'Pods of shared-mapserver (d1): 0/1 replicas ready, STARTED',
      'All pods are ready'
    ])
    expect(logger.warnings()).toEqual([])
  })

  it('polls at the portal and says so when the job URL names another host', async () => {
    const { client, logger, run } = setUp({
      refresh: [
        {
          kind: 'job',
          jobId: text('j1'),
          jobsUrl: text('https://internal:7443/arcgis/admin/jobs/j1'),
          status: 'SUBMITTED'
        }
      ]
    })
    const result = await run()
    expect(result.outcome).toBe('success')
    expect(result.jobsUrl?.raw).toBe('https://internal:7443/arcgis/admin/jobs/j1')
    expect(client.getJob.mock.calls).toEqual([['j1']])
    expect(logger.infos()).toContain(
      `The job URL names another host; the job is polled at the portal (${ORIGIN}), never through that host.`
    )
  })

  it('takes a job URL that is not a URL for another host', async () => {
    const { logger, run } = setUp({
      refresh: [{ kind: 'job', jobId: text('j1'), jobsUrl: text('jobs/j1'), status: 'SUBMITTED' }]
    })
    expect((await run()).outcome).toBe('success')
    expect(logger.infos()).toContainEqual(expect.stringContaining('The job URL names another host'))
  })

  it('returns right after the refresh when wait is false', async () => {
    const { client, changes, run } = setUp({}, { wait: false })
    const result = await run()
    expect(result).toMatchObject({
      jobId: text('j1'),
      status: 'SUBMITTED',
      outcome: 'submitted',
      ready: null
    })
    expect(changes.map((change) => change.status)).toEqual([REFRESHING, 'SUBMITTED'])
    expect(client.getJob).not.toHaveBeenCalled()
    expect(client.getDeploymentStatus).not.toHaveBeenCalled()
  })

  it('does not check the pods when wait-for-ready is false', async () => {
    const { client, run } = setUp({}, { waitForReady: false })
    const result = await run()
    expect(result).toMatchObject({ status: 'COMPLETED', outcome: 'success', ready: null })
    expect(client.getDeploymentStatus).not.toHaveBeenCalled()
  })

  it('takes a synchronous answer as a finished restart, then checks the pods', async () => {
    const { client, logger, changes, run } = setUp({ refresh: [{ kind: 'done' }] })
    const result = await run()
    expect(result).toMatchObject({ status: 'COMPLETED', outcome: 'success', ready: true })
    expect(result.jobId).toBeUndefined()
    expect(client.getJob).not.toHaveBeenCalled()
    expect(changes.map((change) => change.status)).toEqual([REFRESHING])
    expect(logger.infos()).toContain(
      'The server restarted it synchronously (it has no restart jobs).'
    )
  })

  it('reports a synchronous restart as a success when wait is false: it is over', async () => {
    const { client, run } = setUp({ refresh: [{ kind: 'done' }] }, { wait: false })
    expect(await run()).toMatchObject({ status: 'COMPLETED', outcome: 'success', ready: null })
    expect(client.getDeploymentStatus).not.toHaveBeenCalled()
  })

  it('gives a synchronous refresh the time left before the deadline', async () => {
    const { client, run } = setUp(
      { refresh: [{ kind: 'done' }] },
      { synchronousRefresh: true, deadline: new Deadline(60_000) }
    )
    await run()
    const [[id, timeoutMs]] = client.refreshDeployment.mock.calls as unknown as Array<
      [string, number]
    >
    expect(id).toBe('d1')
    expect(timeoutMs).toBeGreaterThan(50_000)
    expect(timeoutMs).toBeLessThanOrEqual(60_000)
  })

  it.each([
    ['FAILED', ['Pod crashed.', 'OOMKilled']],
    ['CANCELLED', ['Cancelled by admin.']],
    ['TIMED OUT', []],
    ['TIME OUT', ['Took too long.']]
  ])('fails on %s with the job messages', async (status, messages) => {
    const { client, logger, run } = setUp({ jobs: [job('EXECUTING'), job(status, messages)] })
    const result = await run()
    const reason = messages.length
      ? `: ${messages.join(' ')}`
      : ' (its record gives no reason; the admin API logs may)'
    expect(result).toMatchObject({
      jobId: text('j1'),
      status,
      outcome: 'failure',
      ready: null,
      error: `Job j1 ended ${status}${reason}`
    })
    expect(client.getDeploymentStatus).not.toHaveBeenCalled()
    expect(logger.infos()).toContain(`Job j1 ended ${status}${reason}`)
  })

  it('fails a COMPLETED job whose result carries an error', async () => {
    const { client, run } = setUp({ jobs: [job('COMPLETED', ['Refresh failed.'], true)] })
    const result = await run()
    expect(result).toMatchObject({
      status: 'FAILED',
      outcome: 'failure',
      error: 'Job j1 completed with an error in its result: Refresh failed.'
    })
    expect(client.getDeploymentStatus).not.toHaveBeenCalled()
  })

  it('warns once about an unknown status and polls on until the job ends', async () => {
    const { logger, run } = setUp({
      jobs: [
        job('PAUSED'),
        job('PAUSED'),
        job('PAUSED'),
        job('EXECUTING'),
        job('PAUSED'),
        job('COMPLETED')
      ]
    })
    const result = await run()
    expect(result.outcome).toBe('success')
    expect(logger.warnings()).toEqual([
      'Job j1 reports the unknown status "PAUSED"; polling on until it ends or the timeout.'
    ])
  })

  it('times out on a job that never ends, with the last status seen', async () => {
    const { run } = setUp(
      { jobs: [job('SUBMITTED'), job('EXECUTING')] },
      { deadline: new Deadline(150) }
    )
    const result = await run()
    expect(result).toMatchObject({
      jobId: text('j1'),
      status: 'EXECUTING',
      outcome: 'timeout',
      ready: null,
      error: `Job j1 did not end before the timeout (last status EXECUTING); the restart goes on in the cluster: ${ORIGIN}/arcgis/admin/jobs/j1`
    })
  })

  it('times out on an unknown status that never ends', async () => {
    const { run } = setUp({ jobs: [job('PAUSED')] }, { deadline: new Deadline(100) })
    expect(await run()).toMatchObject({ status: 'PAUSED', outcome: 'timeout' })
  })

  it('counts transient faults while polling as pending, and logs them once', async () => {
    const outage = new ArcGISRequestError('non-json', 'reading job j1', {
      httpStatus: 502,
      excerpt: '502 Bad Gateway'
    })
    const { logger, run } = setUp({
      jobs: [job('EXECUTING'), outage, outage, outage, job('COMPLETED')],
      statuses: [outage, outage, ready]
    })
    const result = await run()
    expect(result.outcome).toBe('success')
    const outageLines = logger.infos().filter((line) => line.includes('not answering'))
    expect(outageLines).toEqual([
      'Job j1: the admin API is not answering (HTTP 502 with a non-JSON answer (502 Bad Gateway)); still waiting',
      'Pods of shared-mapserver (d1): the admin API is not answering (HTTP 502 with a non-JSON answer (502 Bad Gateway)); still waiting'
    ])
  })

  it('gives up on a job that cannot be read for half the time left, then times out on the pods', async () => {
    const outage = new ArcGISRequestError('http', 'reading job j1', { httpStatus: 503 })
    const { logger, run } = setUp(
      { jobs: [job('EXECUTING'), outage], statuses: [outage] },
      { deadline: new Deadline(300) }
    )
    const result = await run()
    expect(result).toMatchObject({ status: 'UNKNOWN', outcome: 'timeout', ready: false })
    expect(result.error).toMatch(
      /^The pods were not ready before the timeout \(no status seen\)\. Job j1 could not be read for \d+ms \(last: HTTP 503\): its record was lost/
    )
    expect(logger.warnings()).toEqual([
      expect.stringMatching(
        /^Job j1 could not be read for \d+ms \(last: HTTP 503\): its record may have been lost .* Checking the deployment's pods instead\.$/
      )
    ])
  })

  it('takes ready pods for the outcome when the job record is lost, and notes it', async () => {
    const notFound = new ArcGISRequestError('api', 'reading job j1', {
      httpStatus: 200,
      code: 404,
      messages: ['Job not found']
    })
    let now = 0
    const { client, run } = setUp(
      { jobs: [job('EXECUTING'), notFound], statuses: [ready] },
      // Each look advances the clock a minute: the 3-minute grace is over after four failed looks.
      { deadline: new Deadline(3_600_000), waitForReady: false, now: () => (now += 15_000) }
    )
    const result = await run()
    expect(result).toMatchObject({ status: 'UNKNOWN', outcome: 'success', ready: true })
    expect(result.error).toBeUndefined()
    expect(result.note).toMatch(
      /^Job j1 could not be read for 3m\d\ds \(last: ArcGIS error 404: Job not found \(HTTP 200\)\): its record was lost, so whether the job completed is unknown; the deployment's readiness decided the outcome\.$/
    )
    // Without wait-for-ready too: the pods are the only evidence left.
    expect(client.getDeploymentStatus).toHaveBeenCalled()
  })

  it('reads the job again when it answers within the grace period', async () => {
    const notFound = new ArcGISRequestError('api', 'reading job j1', { httpStatus: 200, code: 404 })
    const { run } = setUp({
      jobs: [job('EXECUTING'), notFound, notFound, job('EXECUTING'), notFound, job('COMPLETED')]
    })
    expect(await run()).toMatchObject({ status: 'COMPLETED', outcome: 'success' })
  })

  it('fails on a poll error that is not transient, keeping the last job status seen', async () => {
    const expired = new ArcGISRequestError('api', 'reading job j1', {
      httpStatus: 200,
      code: 498,
      messages: ['Invalid token.']
    })
    const { run } = setUp({ jobs: [job('EXECUTING'), expired] })
    const result = await run()
    expect(result).toMatchObject({ status: 'EXECUTING', outcome: 'failure' })
    expect(result.error).toBe(expired.message)
  })

  it('waits until readyReplicas == totalReplicas and the state is STARTED', async () => {
    const { client, logger, run } = setUp({
      statuses: [
        { currentState: 'STARTING', readyReplicas: 0, totalReplicas: 2 },
        { currentState: 'STARTING', readyReplicas: 2, totalReplicas: 2 },
        { currentState: 'STARTED', readyReplicas: 1, totalReplicas: 2 },
        { currentState: 'STARTED', readyReplicas: 2, totalReplicas: 2 }
      ]
    })
    expect(await run()).toMatchObject({ outcome: 'success', ready: true })
    expect(client.getDeploymentStatus).toHaveBeenCalledTimes(4)
    expect(logger.infos().filter((line) => line.startsWith('Pods of'))).toEqual([
      'Pods of shared-mapserver (d1): 0/2 replicas ready, STARTING',
      'Pods of shared-mapserver (d1): 2/2 replicas ready, STARTING',
      'Pods of shared-mapserver (d1): 1/2 replicas ready, STARTED'
    ])
  })

  it('times out when the pods never get ready, with their last state', async () => {
    const { run } = setUp(
      { statuses: [{ currentState: 'STARTED', readyReplicas: 0, totalReplicas: 1 }] },
      { deadline: new Deadline(150) }
    )
    expect(await run()).toMatchObject({
      status: 'COMPLETED',
      outcome: 'timeout',
      ready: false,
      error: 'The pods were not ready before the timeout (0/1 replicas ready, STARTED)'
    })
  })

  it('fails with the message when the refresh is refused, and submits nothing', async () => {
    const refused = new ArcGISRequestError('api', 'refresh of deployment d1', {
      httpStatus: 200,
      code: 403,
      messages: ['User does not have permissions.']
    })
    const { client, changes, run } = setUp({ refresh: [refused] })
    const result = await run()
    expect(result).toMatchObject({ status: 'ERROR', outcome: 'failure', ready: null })
    expect(result.jobId).toBeUndefined()
    expect(result.error).toContain('User does not have permissions.')
    expect(result.error).toContain('needs the default Administrator role')
    expect(changes.map((change) => change.status)).toEqual([REFRESHING])
    expect(client.getJob).not.toHaveBeenCalled()
  })

  it('reports a timeout when the refresh hit the deadline', async () => {
    const late = new ArcGISRequestError('http', 'refresh of deployment d1', {
      httpStatus: 503
    }).atDeadline()
    const { run } = setUp({ refresh: [late] })
    expect(await run()).toMatchObject({ status: 'ERROR', outcome: 'timeout', error: late.message })
  })

  it('rethrows a cancellation', async () => {
    const { run } = setUp({ refresh: [new CancelledError()] })
    await expect(run()).rejects.toBeInstanceOf(CancelledError)
  })

  it('stops polling when the run is cancelled, after reporting the job', async () => {
    const controller = new AbortController()
    const { changes, run } = setUp(
      { jobs: [job('EXECUTING')] },
      { signal: controller.signal, pollIntervalMs: 10_000 }
    )
    setTimeout(() => controller.abort(), 30)
    await expect(run()).rejects.toBeInstanceOf(CancelledError)
    expect(changes.at(-1)).toMatchObject({ jobId: text('j1'), status: 'SUBMITTED' })
  })

  it('measures its duration on the clock it is given', async () => {
    // A clock that moves only while the server is asked: the refresh takes 1 s, each job read 0.5 s, the status 0.5 s.
    let now = 0
    const { client, run } = setUp(
      { jobs: [job('EXECUTING'), job('COMPLETED')] },
      { now: () => now }
    )
    const takes =
      <A extends unknown[], R>(ms: number, call: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        now += ms
        return call(...args)
      }
    client.refreshDeployment.mockImplementation(
      takes(1_000, client.refreshDeployment.getMockImplementation()!)
    )
    client.getJob.mockImplementation(takes(500, client.getJob.getMockImplementation()!))
    client.getDeploymentStatus.mockImplementation(
      takes(500, client.getDeploymentStatus.getMockImplementation()!)
    )
    const result = await run()
    expect(result.durationSeconds).toBeGreaterThan(0)
    expect(Number.isInteger(result.durationSeconds * 10)).toBe(true)
    expect(result.outcome).toBe('success')
    expect(client.getJob).toHaveBeenCalledTimes(2)
    expect(client.getDeploymentStatus).toHaveBeenCalledTimes(1)
    expect(result.durationSeconds).toBe(2.5)
  })
})

describe('restartDeployment after a refresh without a clear answer', () => {
  const gatewayTimeout = new ArcGISRequestError('non-json', 'refresh of deployment d1', {
    httpStatus: 504,
    excerpt: '504 Gateway Time-out'
  })
  const refreshJob = (overrides: Partial<ReturnType<typeof job>> = {}) => ({
    ...job('EXECUTING'),
    operationUri: '/arcgis/admin/system/deployments/d1/refresh',
    startTime: Date.now(),
    ...overrides
  })

  it('follows the refresh job it finds in the listing, without sending the refresh again', async () => {
    const { client, logger, changes, run } = setUp({
      refresh: [gatewayTimeout],
      listings: [
        [
          { jobId: text('jold'), job: refreshJob({ startTime: Date.now() - 10 * 60_000 }) },
          {
            jobId: text('jother'),
            job: { ...refreshJob(), operationUri: 'system/deployments/d2/refresh' }
          },
          { jobId: text('jmine'), job: refreshJob() }
        ]
      ],
      jobs: [job('EXECUTING'), job('COMPLETED')]
    })
    const result = await run()
    expect(result).toMatchObject({ jobId: text('jmine'), status: 'COMPLETED', outcome: 'success' })
    expect(client.refreshDeployment).toHaveBeenCalledTimes(1)
    expect(client.getJob.mock.calls.map(([id]) => id)).toEqual(['jmine', 'jmine'])
    expect(logger.warnings()).toEqual([
      'The refresh got no clear answer (HTTP 504 with a non-JSON answer (504 Gateway Time-out)): it may have reached the admin API, so it is not sent again.'
    ])
    expect(logger.infos()).toContain('Found its job jmine (EXECUTING); following it.')
    expect(changes.at(-1)).toMatchObject({ jobId: text('jmine') })
  })

  it('reads the records of a listing of bare ids to find the job', async () => {
    const records: Record<string, ReturnType<typeof refreshJob>> = {
      j1: { ...refreshJob(), operationUri: 'services/Roads.MapServer/edit' },
      j2: refreshJob({ status: 'SUBMITTED' }),
      j3: refreshJob({ startTime: undefined, status: 'COMPLETED' })
    }
    const { client, run } = setUp({
      refresh: [new ArcGISRequestError('timeout', 'refresh of deployment d1')],
      listings: [[{ jobId: text('j1') }, { jobId: text('j2') }, { jobId: text('j3') }]]
    })
    client.getJob.mockImplementation(async (id) =>
      client.getJob.mock.calls.length > 3 ? job('COMPLETED') : records[id.raw]
    )
    expect(await run()).toMatchObject({
      jobId: text('j2'),
      status: 'COMPLETED',
      outcome: 'success'
    })
    // From both ends of the listing, whose order is not documented.
    expect(client.getJob.mock.calls.slice(0, 3).map(([id]) => id)).toEqual(['j3', 'j1', 'j2'])
  })

  it('fails saying the restart may have started, with the status, when no job is found', async () => {
    const { client, logger, run } = setUp(
      {
        refresh: [gatewayTimeout],
        listings: [[{ jobId: text('jold'), job: refreshJob({ startTime: 1 }) }]],
        statuses: [{ currentState: 'STARTED', readyReplicas: 0, totalReplicas: 2 }]
      },
      // Too little time left to look again after a pause.
      { deadline: new Deadline(1_500) }
    )
    const result = await run()
    expect(result).toMatchObject({ status: 'UNKNOWN', outcome: 'failure', ready: null })
    expect(result.jobId).toBeUndefined()
    expect(result.error).toMatch(
      /^The refresh of shared-mapserver \(d1\) got no clear answer \(HTTP 504 with a non-JSON answer \(504 Gateway Time-out\)\), so the restart may have started; the admin API lists no refresh job for it submitted since \d{4}-\d\d-\d\dT[\d:.]+Z \(1 of 1 job records read\)\. Its status now: 0\/2 replicas ready, STARTED\. Another run will restart it again\.$/
    )
    expect(client.refreshDeployment).toHaveBeenCalledTimes(1)
    expect(client.listJobs).toHaveBeenCalledTimes(1)
    expect(logger.infos()).toContain(
      "Looking for a refresh job of shared-mapserver (d1) in the admin API's jobs"
    )
  })

  it('looks again after a pause: a job can be listed a moment late', async () => {
    const { client, run } = setUp({
      refresh: [gatewayTimeout],
      listings: [[], [{ jobId: text('jlate'), job: refreshJob() }]]
    })
    expect(await run()).toMatchObject({ jobId: text('jlate'), outcome: 'success' })
    expect(client.listJobs).toHaveBeenCalledTimes(2)
  })

  it('says so when the list of jobs cannot be read, and when the status cannot either', async () => {
    const notFound = new ArcGISRequestError('api', 'reading the list of jobs', {
      httpStatus: 200,
      code: 404,
      messages: ['Not found.']
    })
    const busy = new ArcGISRequestError('http', 'reading the status of deployment d1', {
      httpStatus: 503
    })
    const { run } = setUp({ refresh: [gatewayTimeout], listings: [notFound], statuses: [busy] })
    const result = await run()
    expect(result.status).toBe('UNKNOWN')
    expect(result.error).toContain(
      'so the restart may have started; the list of jobs could not be read (ArcGIS error 404: Not found. (HTTP 200)). Its status could not be read (HTTP 503). Another run will restart it again.'
    )
  })

  it('does not look for a job on a server that has none', async () => {
    const { client, run } = setUp({ refresh: [gatewayTimeout] }, { synchronousRefresh: true })
    const result = await run()
    expect(result.error).toContain('this version has no restart jobs to look for')
    expect(client.listJobs).not.toHaveBeenCalled()
  })

  it('does not look for a job when an answer says nothing started', async () => {
    const serverError = new ArcGISRequestError('api', 'refresh of deployment d1', {
      httpStatus: 200,
      code: 500,
      messages: ['Unable to refresh.']
    })
    const { client, run } = setUp({ refresh: [serverError] })
    expect(await run()).toMatchObject({ status: 'ERROR', error: serverError.message })
    expect(client.listJobs).not.toHaveBeenCalled()
  })
})
