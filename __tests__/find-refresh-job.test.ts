import { describe, expect, it } from '@jest/globals'
import type { Job } from '../src/arcgis/answers.js'
import { ArcGISRequestError } from '../src/arcgis/request-error.js'
import { Deadline } from '../src/common/deadline.js'
import type { ServerText } from '../src/common/server-text.js'
import { CLOCK_SKEW_MS, findRefreshJob, refreshes } from '../src/restart/find-refresh-job.js'
import { fakeClient, job } from './support/fake-client.js'
import { recordingLogger } from './support/recording-logger.js'
import { text } from './support/server-texts.js'

const SENT_AT = 1_700_000_000_000
const refreshOf = (id: string, overrides: Partial<Job> = {}): Job => ({
  ...job('EXECUTING'),
  operationUri: `system/deployments/${id}/refresh`,
  startTime: SENT_AT + 500,
  ...overrides
})

function search(listing: Parameters<typeof fakeClient>[0]) {
  const { client, asClient } = fakeClient(listing)
  const logger = recordingLogger()
  const found = findRefreshJob(asClient, 'd1', SENT_AT, { deadline: new Deadline(1_000) }, logger)
  return { client, logger, found }
}

describe('refreshes', () => {
  it.each([
    'system/deployments/d1/refresh',
    '/arcgis/admin/system/deployments/d1/refresh',
    'https://gis.example.com/arcgis/admin/system/deployments/d1/refresh/?f=json',
    'System/Deployments/d1/Refresh',
    'system/deployments/%64%31/refresh'
  ])('takes %s for the refresh of d1', (uri) => {
    expect(refreshes(uri, 'd1')).toBe(true)
  })

  it.each([
    undefined,
    '',
    'system/deployments/d2/refresh',
    'system/deployments/D1/refresh',
    'system/deployments/d1',
    'system/deployments/d1/refresh/extra',
    'services/d1/refresh',
    'system/deployments/xd1/refresh'
  ])('does not take %s for the refresh of d1', (uri) => {
    expect(refreshes(uri, 'd1')).toBe(false)
  })
})

describe('findRefreshJob', () => {
  it('picks the refresh of the deployment that started nearest to the request', async () => {
    const { found } = search({
      listings: [
        [
          { jobId: text('jfar'), job: refreshOf('d1', { startTime: SENT_AT + 50_000 }) },
          { jobId: text('jnear'), job: refreshOf('d1', { startTime: SENT_AT - 2_000 }) },
          { jobId: text('jold'), job: refreshOf('d1', { startTime: SENT_AT - CLOCK_SKEW_MS - 1 }) },
          { jobId: text('jother'), job: refreshOf('d2') }
        ]
      ]
    })
    await expect(found).resolves.toEqual({
      kind: 'found',
      jobId: text('jnear'),
      status: 'EXECUTING'
    })
  })

  it('takes a job without a start time only while it runs', async () => {
    const completed = search({
      listings: [
        [{ jobId: text('j1'), job: refreshOf('d1', { startTime: undefined, status: 'COMPLETED' }) }]
      ]
    })
    await expect(completed.found).resolves.toMatchObject({ kind: 'not-found' })
    const running = search({
      listings: [[{ jobId: text('j1'), job: refreshOf('d1', { startTime: undefined }) }]]
    })
    await expect(running.found).resolves.toMatchObject({ kind: 'found', jobId: text('j1') })
  })

  /** A listing of `count` bare ids whose records are read with a little latency, counting the reads at once. */
  function longListing(count: number, refreshAt?: number) {
    const ids = Array.from({ length: count }, (_, index) => ({ jobId: text(`j${index}`) }))
    const { client, asClient } = fakeClient({ listings: [ids] })
    const reads = { started: 0, inFlight: 0, mostAtOnce: 0 }
    client.getJob.mockImplementation(async ({ raw: jobId }: ServerText) => {
      reads.started++
      reads.inFlight++
      reads.mostAtOnce = Math.max(reads.mostAtOnce, reads.inFlight)
      await new Promise((resolve) => setTimeout(resolve, 1))
      reads.inFlight--
      return jobId === `j${refreshAt}`
        ? refreshOf('d1')
        : { ...refreshOf('d1'), operationUri: `/arcgis/admin/services/S${jobId}.MapServer/edit` }
    })
    return { client, asClient, reads }
  }

  it('reads the records of a long listing of bare ids 8 at a time, and stops once it found the job', async () => {
    const { asClient, client, reads } = longListing(500, 250)
    const logger = recordingLogger()
    const found = await findRefreshJob(
      asClient,
      'd1',
      SENT_AT,
      { deadline: new Deadline(10_000) },
      logger
    )
    expect(found).toEqual({ kind: 'found', jobId: text('j250'), status: 'EXECUTING' })
    expect(reads.mostAtOnce).toBe(8)
    // From both ends: j499, j0, j498, j1, …, j250, j249.
    const read = client.getJob.mock.calls.map(([id]) => id.raw)
    expect(read.slice(0, 4)).toEqual(['j499', 'j0', 'j498', 'j1'])
    expect(read.indexOf('j250')).toBe(498)
    expect(client.listJobs).toHaveBeenCalledTimes(1)
    expect(logger.infos()).toEqual([
      'The admin API lists 500 jobs; reading their records 8 at a time until the refresh job is found (at most 1000).'
    ])
  })

  it('stops reading as soon as the job is found near an end', async () => {
    const { asClient, reads } = longListing(500, 2)
    const found = await findRefreshJob(
      asClient,
      'd1',
      SENT_AT,
      { deadline: new Deadline(10_000) },
      recordingLogger()
    )
    expect(found).toMatchObject({ kind: 'found', jobId: text('j2') })
    // j2 is the 6th read; the 7 others under way at most, then none.
    expect(reads.started).toBeLessThanOrEqual(6 + 7)
  })

  it('reads at most 1,000 records, and says how many of how many it read', async () => {
    const { asClient, client, reads } = longListing(1_200)
    const found = await findRefreshJob(
      asClient,
      'd1',
      SENT_AT,
      { deadline: new Deadline(60_000) },
      recordingLogger()
    )
    expect(found).toEqual({
      kind: 'not-found',
      reason: expect.stringMatching(
        /^the admin API lists no refresh job for it submitted since .*Z \(1000 of 1200 job records read: at most 1000 are read\)$/
      )
    })
    expect(reads.started).toBe(1_000)
    expect(reads.mostAtOnce).toBe(8)
    // It looks at the listing again (a job may be listed late) but reads no record twice.
    expect(client.listJobs).toHaveBeenCalledTimes(3)
  }, 20_000)

  it("stops reading at the step's deadline, and says so", async () => {
    const { asClient, reads } = longListing(500)
    const found = await findRefreshJob(
      asClient,
      'd1',
      SENT_AT,
      { deadline: new Deadline(30) },
      recordingLogger()
    )
    expect(found).toEqual({
      kind: 'not-found',
      reason: expect.stringMatching(/\((\d+) of 500 job records read before the timeout\)$/)
    })
    expect(reads.started).toBeLessThan(500)
  })

  it('says when the list of jobs is empty', async () => {
    const { found } = search({ listings: [[]] })
    await expect(found).resolves.toEqual({
      kind: 'not-found',
      reason: expect.stringMatching(/ \(its list of jobs is empty\)$/)
    })
  })

  it('passes over a job that cannot be read, and rethrows what is not an answer', async () => {
    const gone = new ArcGISRequestError('api', 'reading job jgone', { httpStatus: 200, code: 404 })
    const { found } = search({
      // Read from the end first: jgone, then jmine.
      listings: [[{ jobId: text('jmine') }, { jobId: text('jgone') }]],
      jobs: [gone, refreshOf('d1')]
    })
    await expect(found).resolves.toMatchObject({ kind: 'found', jobId: text('jmine') })
    const bug = search({ listings: [[{ jobId: text('j1') }]], jobs: [new TypeError('boom')] })
    await expect(bug.found).rejects.toThrow('boom')
  })
})
