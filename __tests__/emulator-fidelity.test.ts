// The emulator's contract for what Esri documents but clients rarely see: jobs CANCELLING and
// UNAVAILABLE, failure details in a job's result, lost job records, the jobs listing, 502/504
// answers to a refresh that did start a job, a numeric currentVersion, and services whose
// deployments are only in their scaling resource. Checked over real sockets.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { scenarios, startEmulator } from '../emulator/server.ts'
import type { DeploymentSeed, Emulator, EmulatorOptions } from '../emulator/server.ts'

const running: Emulator[] = []
async function emulate(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator(options)
  running.push(emulator)
  return emulator
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()))
})

/**
 * The emulator's clock, which each test moves itself (the `now` option): real time let a loaded machine answer a poll
 * on the wrong side of a status window. A test's refresh happens at START; `at(ms)` moves to ms after it.
 */
const START = 1_000_000
let now = START
const at = (ms: number): void => {
  now = START + ms
}
beforeEach(() => at(0))

async function get(emulator: Emulator, route: string) {
  const response = await fetch(`${emulator.portalUrl}/${route}?f=json&token=${emulator.token}`)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function refresh(emulator: Emulator, deploymentId: string) {
  const response = await fetch(
    `${emulator.portalUrl}/admin/system/deployments/${deploymentId}/refresh`,
    {
      method: 'POST',
      body: new URLSearchParams({ f: 'json', async: 'true', token: emulator.token })
    }
  )
  return { status: response.status, text: await response.text() }
}

/** The job's status at each moment (ms after its refresh). */
async function statusesAt(emulator: Emulator, jobId: string, moments: number[]): Promise<string[]> {
  const statuses: string[] = []
  for (const ms of moments) {
    at(ms)
    statuses.push(((await get(emulator, `admin/jobs/${jobId}`)).body as { status: string }).status)
  }
  return statuses
}

const seed = (fields: Partial<DeploymentSeed>): DeploymentSeed => ({
  deploymentId: 'd1',
  name: 'd1-mapserver',
  ...fields
})
const clock = { submittedMs: 60, executingMs: 400, readyDelayMs: 100, now: () => now }

describe('job statuses', () => {
  it('moves a cancelled job EXECUTING → CANCELLING → CANCELLED, and its pods come back', async () => {
    // SUBMITTED until 60 ms, EXECUTING for half of the 400, CANCELLING for the other half; ready 100 ms later.
    const emulator = await emulate({ ...clock, deployments: [seed({ job: 'cancel' })] })
    const { text } = await refresh(emulator, 'd1')
    const jobId = (JSON.parse(text) as { jobID: string }).jobID
    expect(await statusesAt(emulator, jobId, [0, 59, 60, 259, 260, 459, 460])).toEqual([
      'SUBMITTED',
      'SUBMITTED',
      'EXECUTING',
      'EXECUTING',
      'CANCELLING',
      'CANCELLING',
      'CANCELLED'
    ])
    expect((await get(emulator, `admin/jobs/${jobId}`)).body).toMatchObject({
      status: 'CANCELLED',
      result: { messages: ['The job was cancelled.'] }
    })
    at(559)
    expect((await get(emulator, 'admin/system/deployments/d1/status')).body).toMatchObject({
      readyReplicas: 0
    })
    at(560)
    expect((await get(emulator, 'admin/system/deployments/d1/status')).body).toMatchObject({
      readyReplicas: 1
    })
  })

  it('answers UNAVAILABLE for unavailableMs in the middle of EXECUTING', async () => {
    // EXECUTING from 60 ms to 460 ms, with its middle 200 ms (160 to 360) UNAVAILABLE.
    const emulator = await emulate({ ...clock, deployments: [seed({ unavailableMs: 200 })] })
    const jobId = (JSON.parse((await refresh(emulator, 'd1')).text) as { jobID: string }).jobID
    expect(await statusesAt(emulator, jobId, [59, 60, 159, 160, 359, 360, 459, 460])).toEqual([
      'SUBMITTED',
      'EXECUTING',
      'EXECUTING',
      'UNAVAILABLE',
      'UNAVAILABLE',
      'EXECUTING',
      'EXECUTING',
      'COMPLETED'
    ])
  })
})

describe('failed jobs', () => {
  const messages = ['Readiness probe failed', 'Back-off restarting failed container']

  it.each([
    [undefined, { result: { messages } }],
    ['result' as const, { result: { messages } }],
    ['result-error' as const, { result: { error: messages.join(' ') } }],
    [
      'result-error-object' as const,
      { result: { error: { code: 500, message: messages[0], details: [messages[1]] } } }
    ],
    ['messages' as const, { messages }]
  ])('tells why a job failed where failureShape %s says', async (failureShape, details) => {
    const emulator = await emulate({
      ...clock,
      submittedMs: 0,
      executingMs: 20,
      deployments: [seed({ job: 'fail', failureMessages: messages, failureShape })]
    })
    const jobId = (JSON.parse((await refresh(emulator, 'd1')).text) as { jobID: string }).jobID
    at(20)
    const { body } = await get(emulator, `admin/jobs/${jobId}`)
    expect(body).toEqual({
      jobid: jobId,
      status: 'FAILED',
      operationURI: '/arcgis/admin/system/deployments/d1/refresh',
      username: 'admin',
      starttime: expect.any(Number),
      endtime: expect.any(Number),
      updatedtime: expect.any(Number),
      ...details
    })
  })
})

describe('the jobs listing and lost job records', () => {
  it('lists job ids under jobs by default, and job records with jobsListing objects', async () => {
    const emulator = await emulate(clock)
    expect((await get(emulator, 'admin/jobs')).body).toEqual({ jobs: [] })
    const [first, second] = emulator.deploymentIds
    const ids = []
    for (const id of [first, second]) {
      ids.push((JSON.parse((await refresh(emulator, id)).text) as { jobID: string }).jobID)
    }
    expect((await get(emulator, 'admin/jobs')).body).toEqual({ jobs: ids })

    const withObjects = await emulate({ ...clock, jobsListing: 'objects' })
    const jobId = (
      JSON.parse((await refresh(withObjects, withObjects.deploymentIds[1])).text) as {
        jobID: string
      }
    ).jobID
    expect((await get(withObjects, 'admin/jobs')).body).toEqual({
      jobs: [
        {
          jobid: jobId,
          status: 'SUBMITTED',
          operationURI: `/arcgis/admin/system/deployments/${withObjects.deploymentIds[1]}/refresh`,
          username: 'admin',
          starttime: expect.any(Number),
          endtime: 0,
          updatedtime: expect.any(Number)
        }
      ]
    })
  })

  it('answers 404 for the listing with jobsListing none', async () => {
    const emulator = await emulate({ jobsListing: 'none' })
    expect((await get(emulator, 'admin/jobs')).body).toMatchObject({ status: 'error', code: 404 })
  })

  it('loses a job record after jobRecordLostAfterMs: "Job not found", and unlisted', async () => {
    const emulator = await emulate({ ...clock, deployments: [seed({ jobRecordLostAfterMs: 100 })] })
    const jobId = (JSON.parse((await refresh(emulator, 'd1')).text) as { jobID: string }).jobID
    at(99)
    expect((await get(emulator, `admin/jobs/${jobId}`)).body).toMatchObject({ status: 'EXECUTING' })
    expect((await get(emulator, 'admin/jobs')).body).toEqual({ jobs: [jobId] })
    at(100)
    expect(await get(emulator, `admin/jobs/${jobId}`)).toEqual({
      status: 200,
      body: { error: { code: 404, message: 'Job not found', details: [] } }
    })
    expect((await get(emulator, 'admin/jobs')).body).toEqual({ jobs: [] })
    // The restart goes on: the pods go down and come back when its timeline says (60 + 400 + 100 ms).
    at(559)
    expect((await get(emulator, 'admin/system/deployments/d1/status')).body).toMatchObject({
      readyReplicas: 0
    })
    at(560)
    expect((await get(emulator, 'admin/system/deployments/d1/status')).body).toMatchObject({
      readyReplicas: 1
    })
  })
})

describe('a real organisation', () => {
  it('names job ids j and a UUID, and lists jobsListingNoise unrelated ids with them, in a new order each time', async () => {
    const emulator = await emulate({ ...clock, jobsListingNoise: 300 })
    const jobId = (
      JSON.parse((await refresh(emulator, emulator.deploymentIds[1])).text) as { jobID: string }
    ).jobID
    expect(jobId).toMatch(/^j[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    const listings = await Promise.all(
      [1, 2, 3].map(async () => (await get(emulator, 'admin/jobs')).body.jobs as string[])
    )
    for (const jobs of listings) {
      expect(jobs).toHaveLength(301)
      expect(jobs).toContain(jobId)
      expect(new Set(jobs).size).toBe(301)
    }
    expect(new Set(listings.map((jobs) => jobs.join(','))).size).toBeGreaterThan(1)
    const unrelated = listings[0].find((id) => id !== jobId)
    expect((await get(emulator, `admin/jobs/${unrelated}`)).body).toMatchObject({
      jobid: unrelated,
      status: 'COMPLETED',
      operationURI: expect.stringMatching(
        /^\/arcgis\/admin\/services\/Hosted\/Layer\d+\.FeatureServer\/edit$/
      )
    })
  })

  it('serves a stopped deployment: STOPPED everywhere, never ready, its refresh refused', async () => {
    const emulator = await emulate({
      ...clock,
      deployments: [seed({ configuredState: 'STOPPED' }), seed({ deploymentId: 'd2', mode: null })]
    })
    expect((await get(emulator, 'admin/system/deployments')).body.deployments).toEqual([
      {
        deploymentId: 'd1',
        name: 'd1-mapserver',
        type: 'MapServer',
        mode: 'Dedicated',
        provider: 'ArcObjects11',
        configuredState: 'STOPPED'
      },
      // mode null: the record has none, and no GIS provider either.
      {
        deploymentId: 'd2',
        name: 'd1-mapserver',
        type: 'MapServer',
        provider: 'Undefined',
        configuredState: 'STARTED'
      }
    ])
    expect((await get(emulator, 'admin/system/deployments/d1')).body).toMatchObject({
      configuredState: 'STOPPED'
    })
    expect((await get(emulator, 'admin/system/deployments/d1/status')).body).toMatchObject({
      currentState: 'STOPPED',
      readyReplicas: 0,
      totalReplicas: 1
    })
    const answer = await refresh(emulator, 'd1')
    expect(JSON.parse(answer.text)).toEqual({
      status: 'error',
      messages: ["Deployment 'd1-mapserver' is stopped. Start it before refreshing it."],
      code: 400
    })
    expect((await get(emulator, 'admin/jobs')).body).toEqual({ jobs: [] })
  })

  it('records when each request was answered', async () => {
    const emulator = await emulate({ faults: [{ path: '/admin/jobs', delayMs: 50 }] })
    await get(emulator, 'admin/jobs')
    const [request] = emulator.requests
    expect(request.answeredAt! - request.at).toBeGreaterThanOrEqual(45)
  })
})

describe('afterApi faults', () => {
  it('answers 504 to a refresh that started its job', async () => {
    const emulator = await emulate(scenarios['refresh-504-started'])
    const [id] = emulator.deploymentIds
    const answer = await refresh(emulator, id)
    expect(answer.status).toBe(504)
    expect(answer.text).toContain('504 Gateway Time-out')
    const { jobs } = (await get(emulator, 'admin/jobs')).body as { jobs: string[] }
    expect(jobs).toHaveLength(1)
    expect((await get(emulator, `admin/jobs/${jobs[0]}`)).body).toMatchObject({
      operationURI: `/arcgis/admin/system/deployments/${id}/refresh`
    })
    // Only once: the next refresh answers normally.
    expect((await refresh(emulator, id)).status).toBe(200)
  })

  it('starts no job for a 504 that never reached the API', async () => {
    const emulator = await emulate(scenarios['refresh-504-lost'])
    expect((await refresh(emulator, emulator.deploymentIds[0])).status).toBe(504)
    expect((await get(emulator, 'admin/jobs')).body).toEqual({ jobs: [] })
  })
})

describe('versions and services', () => {
  it('gives only a numeric currentVersion with numericVersion', async () => {
    const emulator = await emulate({ numericVersion: true, version: '10.9' })
    const response = await fetch(`${emulator.portalUrl}/admin?f=json&token=${emulator.token}`)
    const text = await response.text()
    expect(text).toContain('"currentVersion":10.9')
    expect(text).not.toContain('fullVersion')
  })

  it('lists every deployment of a service in its scaling resource', async () => {
    const emulator = await emulate({
      deployments: [
        seed({ deploymentId: 'a', type: 'MapServer', services: ['Roads.MapServer'] }),
        seed({
          deploymentId: 'b',
          replicas: 3,
          services: ['Roads.MapServer', 'Maps/Rivers.MapServer']
        })
      ]
    })
    expect((await get(emulator, 'admin/services/Roads.MapServer')).body).toMatchObject({
      serviceName: 'Roads',
      deploymentId: 'a'
    })
    expect((await get(emulator, 'admin/services/Roads.MapServer/scaling')).body).toEqual({
      scalingSpec: [
        expect.objectContaining({ deploymentType: 'MapServer', deploymentId: 'a' }),
        expect.objectContaining({ deploymentId: 'b', replicas: { min: 3, max: 3 } })
      ]
    })
    expect((await get(emulator, 'admin/services/Maps/Rivers.MapServer/scaling')).body).toEqual({
      scalingSpec: [expect.objectContaining({ deploymentId: 'b' })]
    })
    expect((await get(emulator, 'admin/services/Nope.MapServer/scaling')).body).toMatchObject({
      code: 404
    })
  })

  it('names deployments only in scaling with serviceDeployments scaling', async () => {
    const emulator = await emulate(scenarios['services-in-scaling'])
    const { body } = await get(emulator, 'admin/services/Basemaps/Streets.MapServer')
    expect(body).not.toHaveProperty('deploymentId')
    const scaling = await get(emulator, 'admin/services/Basemaps/Streets.MapServer/scaling')
    const [sharedId, , waterId] = emulator.deploymentIds
    expect(scaling.body.scalingSpec).toEqual([
      expect.objectContaining({ deploymentId: sharedId }),
      expect.objectContaining({ deploymentId: waterId })
    ])
  })
})

describe('poll errors', () => {
  it('answers JSON 500 twice, then "Job not found" twice, to job polls after the first', async () => {
    // A SUBMITTED window longer than six polls on a loaded machine: only the faults change the answers.
    const emulator = await emulate({ ...scenarios['poll-errors'], submittedMs: 60_000 })
    const jobId = (
      JSON.parse((await refresh(emulator, emulator.deploymentIds[1])).text) as { jobID: string }
    ).jobID
    const answers = []
    for (let poll = 0; poll < 6; poll += 1) answers.push(await get(emulator, `admin/jobs/${jobId}`))
    expect(answers.map(({ status, body }) => [status, body.status ?? body.error])).toEqual([
      [200, 'SUBMITTED'],
      [500, 'error'],
      [500, 'error'],
      [200, { code: 404, message: 'Job not found' }],
      [200, { code: 404, message: 'Job not found' }],
      [200, 'SUBMITTED']
    ])
  })
})
