import { describe, expect, it } from '@jest/globals'
import type { Job } from '../src/arcgis/answers.js'
import { ArcGISRequestError } from '../src/arcgis/request-error.js'
import { Deadline } from '../src/common/deadline.js'
import { CLOCK_SKEW_MS, findRefreshJob, refreshes } from '../src/restart/find-refresh-job.js'
import { fakeClient, job } from './support/fake-client.js'
import { recordingLogger } from './support/recording-logger.js'

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
          { jobId: 'jfar', job: refreshOf('d1', { startTime: SENT_AT + 50_000 }) },
          { jobId: 'jnear', job: refreshOf('d1', { startTime: SENT_AT - 2_000 }) },
          { jobId: 'jold', job: refreshOf('d1', { startTime: SENT_AT - CLOCK_SKEW_MS - 1 }) },
          { jobId: 'jother', job: refreshOf('d2') }
        ]
      ]
    })
    await expect(found).resolves.toEqual({ kind: 'found', jobId: 'jnear', status: 'EXECUTING' })
  })

  it('takes a job without a start time only while it runs', async () => {
    const completed = search({
      listings: [
        [{ jobId: 'j1', job: refreshOf('d1', { startTime: undefined, status: 'COMPLETED' }) }]
      ]
    })
    await expect(completed.found).resolves.toMatchObject({ kind: 'not-found' })
    const running = search({
      listings: [[{ jobId: 'j1', job: refreshOf('d1', { startTime: undefined }) }]]
    })
    await expect(running.found).resolves.toMatchObject({ kind: 'found', jobId: 'j1' })
  })

  it('reads only both ends of a long listing of bare ids', async () => {
    const ids = Array.from({ length: 100 }, (_, index) => ({ jobId: `j${index}` }))
    const { client, logger, found } = search({ listings: [ids], jobs: [refreshOf('d2')] })
    await expect(found).resolves.toMatchObject({ kind: 'not-found' })
    const read = client.getJob.mock.calls.map(([id]) => id)
    expect(read).toHaveLength(40)
    expect(read.slice(0, 2)).toEqual(['j0', 'j1'])
    expect(read.slice(-2)).toEqual(['j98', 'j99'])
    expect(logger.infos()).toEqual([
      'The admin API lists 100 jobs; looking at the first and last 20.'
    ])
  })

  it('passes over a job that cannot be read, and rethrows what is not an answer', async () => {
    const gone = new ArcGISRequestError('api', 'reading job jgone', { httpStatus: 200, code: 404 })
    const { found } = search({
      listings: [[{ jobId: 'jgone' }, { jobId: 'jmine' }]],
      jobs: [gone, refreshOf('d1')]
    })
    await expect(found).resolves.toMatchObject({ kind: 'found', jobId: 'jmine' })
    const bug = search({ listings: [[{ jobId: 'j1' }]], jobs: [new TypeError('boom')] })
    await expect(bug.found).rejects.toThrow('boom')
  })
})
