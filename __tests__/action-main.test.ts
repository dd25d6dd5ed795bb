import { afterAll, afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import nock from 'nock'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { run } from '../src/action/main.js'
import { FakeRunner } from './support/actions-runner.js'
import { recordRequests, type SeenRequest } from './support/nock-requests.js'

const ORIGIN = 'https://gis.example.com'
const PORTAL = `${ORIGIN}/arcgis`
const TOKEN = 'tok-main-7c1f0e9d8b'
const PASSWORD = 'pw-main-93jd!x'
const GENERATED = 'gen-main-55aa11ee'
const ADMIN = '/arcgis/admin'
const deploymentPath = (id: string) => `${ADMIN}/system/deployments/${id}`
const jobsUrl = (job: string) => `${PORTAL}/admin/jobs/${job}`

let runner: FakeRunner
let unmatched: string[]
const onNoMatch = (request: Request) => unmatched.push(`${request.method} ${request.url}`)

beforeEach(() => {
  runner = new FakeRunner()
  unmatched = []
  nock.disableNetConnect()
  nock.emitter.on('no match', onNoMatch)
})
afterEach(() => {
  nock.emitter.removeListener('no match', onNoMatch)
  nock.abortPendingRequests()
  nock.cleanAll()
  nock.enableNetConnect()
  runner.restore()
  // nock fails a request that nothing answers with ENETUNREACH (or a 501), which the action may take for an outage
  // and retry: no test may pass on such a request unnoticed.
  expect(unmatched).toEqual([])
})
afterAll(() => {
  FakeRunner.cleanUp()
  // Each test file loads its own nock: unhook it from node:http so that it cannot catch the next file's requests.
  nock.restore()
})

/**
 * The inputs of a quick run against PORTAL with a token; `overrides` on top. Verification (its own requests) is
 * tested in verify.test.ts and end to end.
 */
function inputs(overrides: Record<string, string> = {}): void {
  runner.inputs({
    'portal-url': PORTAL,
    token: TOKEN,
    'deployment-id': 'd1',
    verify: 'false',
    timeout: '20s',
    'poll-interval': '10ms',
    ...overrides
  })
}

interface DeploymentScript {
  id: string
  name?: string
  mode?: string
  refresh?: Record<string, unknown>
  /** How long the refresh takes to answer. */
  refreshDelayMs?: number
  /** Called as the refresh is answered. */
  onRefresh?: () => void
  jobs?: Array<Record<string, unknown>>
  statuses?: Array<Record<string, unknown>>
}

/**
 * A portal that answers the version, then for each deployment its resource, its refresh, its job and its status
 * (each list played in order). Returns the requests it saw, in order.
 */
function portal(
  deployments: DeploymentScript[],
  version = '11.3',
  root: [number, Record<string, unknown>] = [200, { fullVersion: version }]
): SeenRequest[] {
  const scope = nock(ORIGIN)
  const seen = recordRequests(scope)
  scope
    .get(ADMIN)
    .query(true)
    .reply(...root)
  for (const deployment of deployments) {
    const job = `job-${deployment.id}`
    scope
      .get(deploymentPath(deployment.id))
      .query(true)
      .reply(200, {
        deploymentId: deployment.id,
        name: deployment.name ?? `${deployment.id}-mapserver`,
        mode: deployment.mode ?? 'Dedicated'
      })
    scope
      .post(`${deploymentPath(deployment.id)}/refresh`)
      .delay(deployment.refreshDelayMs ?? 0)
      .reply(200, () => {
        deployment.onRefresh?.()
        return deployment.refresh ?? { jobsUrl: jobsUrl(job), jobID: job, jobStatus: 'SUBMITTED' }
      })
    for (const body of deployment.jobs ?? [
      { jobid: job, status: 'EXECUTING' },
      { jobid: job, status: 'COMPLETED' }
    ]) {
      scope.get(`${ADMIN}/jobs/${job}`).query(true).reply(200, body)
    }
    for (const body of deployment.statuses ?? [
      { currentState: 'STARTED', readyReplicas: 1, totalReplicas: 1 }
    ]) {
      scope
        .get(`${deploymentPath(deployment.id)}/status`)
        .query(true)
        .reply(200, body)
    }
  }
  return seen
}

const describeRequest = (request: SeenRequest) => `${request.method} ${request.url.pathname}`

/** Everything the action wrote, but the add-mask commands (which carry the secrets by design). */
function everythingWritten(): string {
  const stdout = runner.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
  return [stdout, runner.rawOutputFile, runner.summary].join('\n')
}

describe('a successful restart', () => {
  it('refreshes the deployment, polls its job and its pods, and sets every output', async () => {
    inputs()
    // A clock that stands still except while the refresh is answered, which takes 2.6 s.
    let clock = 1_750_000_000_000
    jest.spyOn(Date, 'now').mockImplementation(() => clock)
    const seen = portal([
      {
        id: 'd1',
        name: 'shared-mapserver',
        onRefresh: () => (clock += 2_600),
        statuses: [
          { currentState: 'STARTED', readyReplicas: 0, totalReplicas: 1 },
          { currentState: 'STARTED', readyReplicas: 1, totalReplicas: 1 }
        ]
      }
    ])
    await run()

    expect(nock.isDone()).toBe(true)
    expect(unmatched).toEqual([])
    expect(seen.map(describeRequest)).toEqual([
      'GET /arcgis/admin',
      'GET /arcgis/admin/system/deployments/d1',
      'POST /arcgis/admin/system/deployments/d1/refresh',
      'GET /arcgis/admin/jobs/job-d1',
      'GET /arcgis/admin/jobs/job-d1',
      'GET /arcgis/admin/system/deployments/d1/status',
      'GET /arcgis/admin/system/deployments/d1/status'
    ])
    const refresh = seen[2]
    expect(refresh.form).toEqual({ async: 'true', f: 'json', token: TOKEN })
    for (const request of seen.filter((each) => each.method === 'GET')) {
      expect(request.url.search).toBe('?f=json')
      expect(request.headers['x-esri-authorization']).toBe(`Bearer ${TOKEN}`)
    }

    const outputs = runner.outputs
    expect(outputs).toMatchObject({
      'deployment-id': 'd1',
      'job-id': 'job-d1',
      'jobs-url': jobsUrl('job-d1'),
      'job-status': 'COMPLETED',
      outcome: 'success',
      'server-version': '11.3'
    })
    expect(outputs['duration-seconds']).toMatch(/^\d+$/)
    expect(outputs['duration-seconds']).toBe('3')
    expect(JSON.parse(outputs.results)).toEqual([
      {
        deploymentId: 'd1',
        name: 'shared-mapserver',
        service: null,
        jobId: 'job-d1',
        jobsUrl: jobsUrl('job-d1'),
        status: 'COMPLETED',
        ready: true,
        verified: null,
        durationSeconds: 2.6,
        error: null,
        stoppedServices: [],
        note: null,
        messages: [],
        health: null,
        healthReason: null
      }
    ])
    expect(runner.errors).toEqual([])
    expect(process.exitCode).toBeUndefined()
    expect(runner.summary).toContain('<h3>ArcGIS deployment restart: success</h3>')
    expect(runner.summary).toContain(
      `<td>shared-mapserver</td><td>d1</td><td><a href="${jobsUrl('job-d1')}">job-d1</a></td><td>COMPLETED</td><td>yes</td>`
    )

    const lines = runner.lines
    expect(lines).toContain(`ArcGIS Enterprise 11.3 at ${PORTAL}`)
    expect(lines).toContain('::group::Restart shared-mapserver (d1)')
    expect(lines.filter((line) => line === 'Job job-d1: EXECUTING')).toHaveLength(1)
    expect(lines).toContain('Job job-d1 completed')
    expect(lines).toContain('All pods are ready')
    expect(lines.filter((line) => line.startsWith('::group::'))).toHaveLength(1)
    expect(lines.filter((line) => line === '::endgroup::')).toHaveLength(1)
  })

  it('masks the token before it writes anything', async () => {
    inputs()
    portal([{ id: 'd1' }])
    await run()
    expect(runner.stdout.split('\n')[0]).toBe(`::add-mask::${TOKEN}`)
  })

  it('restarts several deployments one after another, in input order', async () => {
    inputs({ 'deployment-id': 'd2\nd1, d3' })
    const seen = portal([{ id: 'd2' }, { id: 'd1' }, { id: 'd3' }])
    await run()
    const refreshes = seen
      .filter((request) => request.method === 'POST')
      .map((request) => request.url.pathname)
    expect(refreshes).toEqual([
      `${deploymentPath('d2')}/refresh`,
      `${deploymentPath('d1')}/refresh`,
      `${deploymentPath('d3')}/refresh`
    ])
    // d1 is refreshed only once d2 is back.
    const order = seen.map(describeRequest)
    expect(order.indexOf(`GET ${deploymentPath('d2')}/status`)).toBeLessThan(
      order.indexOf(`POST ${deploymentPath('d1')}/refresh`)
    )
    expect(runner.outputs).toMatchObject({
      'deployment-id': 'd2,d1,d3',
      'job-id': 'job-d2,job-d1,job-d3',
      'jobs-url': [jobsUrl('job-d2'), jobsUrl('job-d1'), jobsUrl('job-d3')].join(','),
      'job-status': 'COMPLETED',
      outcome: 'success'
    })
  })

  it('prints each line of restarts running at once once, named, with no groups', async () => {
    inputs({ 'deployment-id': 'd1,d2', 'max-concurrency': '2' })
    portal([{ id: 'd1' }, { id: 'd2' }])
    await run()
    expect(runner.outputs.outcome).toBe('success')
    const lines = runner.lines
    expect(lines.filter((line) => /^::(end)?group::/.test(line))).toEqual([])
    for (const id of ['d1', 'd2']) {
      const name = `${id}-mapserver (${id})`
      expect(lines.filter((line) => line.includes(`Job job-${id} completed`))).toEqual([
        `[${name}] Job job-${id} completed`
      ])
      expect(lines.filter((line) => line.includes(`Job job-${id} submitted`))).toHaveLength(1)
    }
    expect(lines.at(-1)).toMatch(/^2 of 2 deployments restarted in \d+/)
  })

  it('resolves a service to its deployment', async () => {
    inputs({ 'deployment-id': '', service: 'Hosted/Parcels.FeatureServer' })
    nock(ORIGIN)
      .get(`${ADMIN}/services/Hosted/Parcels.FeatureServer`)
      .query(true)
      .reply(200, { serviceName: 'Parcels', deploymentId: 'dp' })
    portal([{ id: 'dp', name: 'parcels-featureserver' }])
    await run()
    expect(runner.outputs['deployment-id']).toBe('dp')
    expect(JSON.parse(runner.outputs.results)[0]).toMatchObject({
      deploymentId: 'dp',
      service: 'Hosted/Parcels.FeatureServer',
      status: 'COMPLETED'
    })
  })

  it('takes the answer of a server without restart jobs (10.9) as the result, however long past request-timeout it comes', async () => {
    // Such a refresh answers when the restart is done: here after 300 ms, three times request-timeout.
    inputs({ 'request-timeout': '100ms' })
    const seen = portal(
      [{ id: 'd1', refresh: { status: 'success' }, refreshDelayMs: 300, jobs: [] }],
      '10.9'
    )
    await run()
    expect(seen.map(describeRequest)).toEqual([
      'GET /arcgis/admin',
      'GET /arcgis/admin/system/deployments/d1',
      'POST /arcgis/admin/system/deployments/d1/refresh',
      'GET /arcgis/admin/system/deployments/d1/status'
    ])
    // No job was asked for: neither one the portal answers (seen) nor one it does not (unmatched).
    const asked = [...seen.map(describeRequest), ...unmatched]
    expect(asked.some((request) => request.includes('/jobs/'))).toBe(false)
    expect(runner.errors).toEqual([])
    expect(runner.lines).toContain(
      'This version has no restart jobs (they came with 10.9.1): each refresh answers when its restart is done, and that answer is the result.'
    )
    expect(runner.outputs).toMatchObject({
      'job-id': '',
      'job-status': 'COMPLETED',
      outcome: 'success',
      'server-version': '10.9'
    })
  })
})

describe('the server version', () => {
  it('goes on, with a warning, when the admin root does not tell its version', async () => {
    inputs()
    portal([{ id: 'd1' }], undefined, [
      200,
      { error: { code: 500, message: 'Unable to read the version.' } }
    ])
    await run()
    expect(runner.warnings).toEqual([
      'The admin API did not tell its version (ArcGIS error 500: Unable to read the version. (HTTP 200)); going on without it.'
    ])
    expect(runner.outputs).toMatchObject({ outcome: 'success', 'server-version': '' })
    expect(runner.lines).toContain(`ArcGIS Enterprise (version not reported) at ${PORTAL}`)
  })

  it('fails with the role hint, and restarts nothing, when the admin root refuses the account (403)', async () => {
    inputs()
    const refresh = nock(ORIGIN)
      .post(/refresh/)
      .reply(200, {})
    nock(ORIGIN)
      .get(ADMIN)
      .query(true)
      .reply(403, {
        error: {
          code: 403,
          message: 'You do not have permissions to access this resource or perform this operation.'
        }
      })
    await run()
    expect(refresh.isDone()).toBe(false)
    expect(runner.warnings).toEqual([])
    expect(runner.outputs.outcome).toBe('failure')
    expect(runner.outputs['server-version']).toBe('')
    expect(runner.errors).toEqual([
      'reading the admin API version failed: ArcGIS error 403: You do not have permissions to access this resource or perform this operation. (HTTP 403). The account is not allowed to do this: restarting deployments needs the default Administrator role (custom roles are refused).'
    ])
  })

  it('fails (not a timeout), naming the host, when the admin API does not come up within the first contact', async () => {
    inputs({ timeout: '300ms' })
    const refresh = nock(ORIGIN)
      .post(/refresh/)
      .reply(200, {})
    nock(ORIGIN).get(ADMIN).query(true).reply(503, '<html><title>503</title></html>').persist()
    await run()
    expect(refresh.isDone()).toBe(false)
    expect(runner.outputs).toMatchObject({ outcome: 'failure', 'job-status': '' })
    expect(runner.errors).toEqual([
      expect.stringMatching(
        /^gis\.example\.com answered, but the admin API did not come up within 300ms \(reading the admin API version: HTTP 503 with a non-JSON answer \(503\)\); nothing was restarted\./
      )
    ])
  })
})

describe('with credentials', () => {
  it('generates a referer-bound token, sends the Referer everywhere and masks the new token first', async () => {
    inputs({ token: '', username: 'admin', password: PASSWORD })
    const tokens = nock(ORIGIN)
      .post('/arcgis/sharing/rest/generateToken')
      .reply(200, { token: GENERATED, expires: Date.now() + 3_600_000, ssl: true })
    const generated = recordRequests(tokens)
    const seen = portal([{ id: 'd1' }])
    await run()
    expect(runner.outputs.outcome).toBe('success')
    expect(generated).toHaveLength(1)
    expect(generated[0].form).toEqual({
      username: 'admin',
      password: PASSWORD,
      client: 'referer',
      referer: ORIGIN,
      expiration: '6',
      f: 'json'
    })
    for (const request of seen) expect(request.headers.referer).toBe(ORIGIN)
    expect(seen[2].form.token).toBe(GENERATED)
    const masks = runner.lines.filter((line) => line.startsWith('::add-mask::'))
    expect(masks).toEqual([`::add-mask::${PASSWORD}`, `::add-mask::${GENERATED}`])
    expect(runner.stdout.split('\n')[0]).toBe(`::add-mask::${PASSWORD}`)
  })

  it('fails with the server message on bad credentials, tries them only once, and restarts nothing', async () => {
    inputs({ token: '', username: 'admin', password: PASSWORD })
    // Every attempt is refused, as a real portal would (and each one counts towards locking the account).
    const tokens = nock(ORIGIN)
      .post('/arcgis/sharing/rest/generateToken')
      .reply(200, {
        error: {
          code: 400,
          message: 'Unable to generate token.',
          details: ['Invalid username or password.']
        }
      })
      .persist()
    const generated = recordRequests(tokens)
    const api = nock(ORIGIN).get(/.*/).reply(200, {}).post(/.*/).reply(200, {})
    await run()
    expect(runner.outputs.outcome).toBe('failure')
    expect(runner.errors).toEqual([
      'generateToken for user "admin" failed: ArcGIS error 400: Unable to generate token. Invalid username or password. (HTTP 200).'
    ])
    expect(generated).toHaveLength(1)
    expect(runner.warnings).toEqual([])
    expect(api.isDone()).toBe(false)
  })
})

describe('failures', () => {
  it('fails the step with the job messages when the job FAILED', async () => {
    inputs()
    portal([
      {
        id: 'd1',
        name: 'shared-mapserver',
        jobs: [
          { status: 'EXECUTING' },
          { status: 'FAILED', messages: ['Pod crashed.', 'OOMKilled'] }
        ],
        statuses: []
      }
    ])
    await run()
    expect(runner.outputs).toMatchObject({
      'job-status': 'FAILED',
      outcome: 'failure',
      'job-id': 'job-d1'
    })
    expect(runner.errors).toEqual([
      'shared-mapserver (d1): Job job-d1 ended FAILED: Pod crashed. OOMKilled'
    ])
    expect(process.exitCode).toBe(1)
    expect(JSON.parse(runner.outputs.results)[0]).toMatchObject({
      status: 'FAILED',
      ready: null,
      error: 'Job job-d1 ended FAILED: Pod crashed. OOMKilled'
    })
    expect(runner.summary).toContain('<h4>What went wrong</h4>')
    expect(runner.summary).toContain(
      '<li>shared-mapserver (d1): Job job-d1 ended FAILED: Pod crashed. OOMKilled</li>'
    )
  })

  it('restarts the others after a failure when fail-fast is false', async () => {
    inputs({ 'deployment-id': 'd1\nd2', 'fail-fast': 'false' })
    portal([{ id: 'd1', jobs: [{ status: 'FAILED' }], statuses: [] }, { id: 'd2' }])
    await run()
    expect(nock.isDone()).toBe(true)
    expect(runner.outputs).toMatchObject({
      'job-status': 'FAILED',
      outcome: 'failure',
      'job-id': 'job-d1,job-d2'
    })
    expect(
      JSON.parse(runner.outputs.results).map((result: { status: string }) => result.status)
    ).toEqual(['FAILED', 'COMPLETED'])
  })

  it('halts after a failure and reports the rest as SKIPPED', async () => {
    inputs({ 'deployment-id': 'd1\nd2' })
    const seen = portal([{ id: 'd1', jobs: [{ status: 'FAILED' }], statuses: [] }])
    // d2 is read (before any restart), and its refresh would be answered: it must not be asked for.
    const d2 = nock(ORIGIN)
      .get(deploymentPath('d2'))
      .query(true)
      .reply(200, { deploymentId: 'd2', name: 'two' })
      .post(`${deploymentPath('d2')}/refresh`)
      .reply(200, { jobID: 'job-d2', jobStatus: 'SUBMITTED' })
    const seenByD2 = recordRequests(d2)
    await run()
    expect(
      [...seen, ...seenByD2].some(
        (request) => request.url.pathname === `${deploymentPath('d2')}/refresh`
      )
    ).toBe(false)
    expect(d2.pendingMocks()).toEqual([`POST ${ORIGIN}:443${deploymentPath('d2')}/refresh`])
    expect(unmatched).toEqual([])
    expect(runner.outputs).toMatchObject({
      'job-status': 'FAILED',
      outcome: 'failure',
      'job-id': 'job-d1,'
    })
    expect(
      JSON.parse(runner.outputs.results).map((result: { status: string }) => result.status)
    ).toEqual(['FAILED', 'SKIPPED'])
  })

  it('times out with the last status when the job never ends', async () => {
    inputs({ timeout: '500ms' })
    portal([{ id: 'd1', name: 'shared-mapserver', jobs: [], statuses: [] }])
    nock(ORIGIN)
      .get(`${ADMIN}/jobs/job-d1`)
      .query(true)
      .reply(200, { status: 'EXECUTING' })
      .persist()
    const started = Date.now()
    await run()
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(runner.outputs).toMatchObject({
      'job-status': 'EXECUTING',
      outcome: 'timeout',
      'job-id': 'job-d1'
    })
    expect(runner.errors).toEqual([
      `The restart did not finish before the timeout.\nshared-mapserver (d1): Job job-d1 did not end before the timeout (last status EXECUTING); the restart goes on in the cluster: ${jobsUrl('job-d1')}`
    ])
  })

  it('fails with the token hint, and restarts nothing, when the token is refused', async () => {
    inputs()
    const refresh = nock(ORIGIN)
      .post(`${deploymentPath('d1')}/refresh`)
      .reply(200, {})
    nock(ORIGIN)
      .get(ADMIN)
      .query(true)
      .reply(200, { error: { code: 498, message: 'Invalid token.', details: [] } })
    await run()
    expect(refresh.isDone()).toBe(false)
    expect(runner.outputs.outcome).toBe('failure')
    expect(runner.errors).toHaveLength(1)
    expect(runner.errors[0]).toContain(
      'reading the admin API version failed: ArcGIS error 498: Invalid token.'
    )
    expect(runner.errors[0]).toContain('The token is invalid or expired')
  })

  it('fails before anything restarts when a deployment does not exist', async () => {
    inputs({ 'deployment-id': 'd1,nope' })
    const refresh = nock(ORIGIN)
      .post(/refresh/)
      .reply(200, {})
    nock(ORIGIN)
      .get(ADMIN)
      .query(true)
      .reply(200, { fullVersion: '11.3' })
      .get(deploymentPath('d1'))
      .query(true)
      .reply(200, { deploymentId: 'd1' })
      .get(deploymentPath('nope'))
      .query(true)
      .reply(200, { status: 'error', messages: ['Deployment nope does not exist.'], code: 404 })
      // Not an id: looked up as a name, the way 11.3 lists deployments.
      .post(`${ADMIN}/system/deployments/findDeploymentIds`)
      .reply(200, { filteredDeploymentIds: ['d1', 'd2'] })
      .post(`${ADMIN}/system/deployments/getDeploymentsById`)
      .reply(200, {
        deployments: [
          { deploymentId: 'd1', name: 'one-mapserver' },
          { deploymentId: 'd2', name: 'nope-mapserver' }
        ]
      })
    await run()
    expect(refresh.isDone()).toBe(false)
    expect(runner.errors).toEqual([
      'deployment-id "nope" is neither the id nor the name of a deployment. Similar: nope-mapserver (d2).'
    ])
    expect(runner.outputs).toMatchObject({
      'deployment-id': 'd1,nope',
      outcome: 'failure',
      'job-status': ''
    })
  })
})

describe('inputs', () => {
  it('fails on bad inputs before any request, naming every bad input', async () => {
    runner.inputs({
      'portal-url': 'http://gis.example.com/arcgis',
      token: TOKEN,
      'deployment-id': '../x',
      timeout: '10 m'
    })
    await run()
    expect(unmatched).toEqual([])
    expect(runner.errors).toHaveLength(1)
    const [message] = runner.errors
    expect(message.split('\n')).toEqual([
      'Invalid inputs:',
      expect.stringMatching(/^- portal-url must use https/),
      expect.stringMatching(
        /^- deployment-id "..\/x" is neither a deployment id nor a deployment name/
      ),
      expect.stringMatching(/^- timeout "10 m" is not a duration/)
    ])
    expect(runner.outputs).toMatchObject({ outcome: 'failure' })
    expect(process.exitCode).toBe(1)
    expect(runner.stdout.split('\n')[0]).toBe(`::add-mask::${TOKEN}`)
    expect(everythingWritten()).not.toContain(TOKEN)
  })
})

describe('wait and dry-run', () => {
  it('returns right after the refresh when wait is false', async () => {
    inputs({ wait: 'false' })
    const seen = portal([{ id: 'd1', jobs: [], statuses: [] }])
    await run()
    expect(seen.map(describeRequest)).toEqual([
      'GET /arcgis/admin',
      'GET /arcgis/admin/system/deployments/d1',
      'POST /arcgis/admin/system/deployments/d1/refresh'
    ])
    expect(runner.outputs).toMatchObject({
      'job-id': 'job-d1',
      'jobs-url': jobsUrl('job-d1'),
      'job-status': 'SUBMITTED',
      outcome: 'submitted'
    })
    expect(runner.errors).toEqual([])
  })

  it('reports a synchronous restart (10.9) as a success when wait is false', async () => {
    inputs({ wait: 'false' })
    portal([{ id: 'd1', refresh: { status: 'success' }, jobs: [], statuses: [] }], '10.9')
    await run()
    expect(runner.outputs).toMatchObject({ outcome: 'success', 'job-status': 'COMPLETED' })
  })

  it('reads each deployment and its status on a dry run, and refreshes nothing', async () => {
    inputs({ 'dry-run': 'true', 'deployment-id': 'd1,d2' })
    const refresh = nock(ORIGIN)
      .post(/refresh/)
      .reply(200, {})
    nock(ORIGIN)
      .get(ADMIN)
      .query(true)
      .reply(200, { fullVersion: '11.3' })
      .get(deploymentPath('d1'))
      .query(true)
      .reply(200, { deploymentId: 'd1', name: 'one', mode: 'Shared' })
      .get(deploymentPath('d2'))
      .query(true)
      .reply(200, { deploymentId: 'd2', name: 'two' })
      .get(`${deploymentPath('d1')}/status`)
      .query(true)
      .reply(200, { currentState: 'STARTED', readyReplicas: 1, totalReplicas: 1 })
      .get(`${deploymentPath('d2')}/status`)
      .query(true)
      .reply(200, { currentState: 'STARTED', readyReplicas: 0, totalReplicas: 1 })
    await run()
    expect(refresh.isDone()).toBe(false)
    expect(runner.outputs).toMatchObject({
      outcome: 'dry-run',
      'job-status': '',
      'deployment-id': 'd1,d2'
    })
    expect(
      JSON.parse(runner.outputs.results).map((result: { status: string; ready: boolean }) => [
        result.status,
        result.ready
      ])
    ).toEqual([
      ['NOT RESTARTED', true],
      ['NOT RESTARTED', false]
    ])
    expect(runner.lines).toContain('Would restart one (d1): Shared, 1/1 replicas ready, STARTED')
    expect(runner.warnings).toContainEqual(expect.stringContaining('Deployment d1 (one) is Shared'))
    expect(runner.errors).toEqual([])
  })
})

describe('cancellation', () => {
  it('stops polling, logs the submitted job, writes the outputs and fails promptly', async () => {
    inputs({ timeout: '60s' })
    const controller = new AbortController()
    const scope = nock(ORIGIN)
      .get(ADMIN)
      .query(true)
      .reply(200, { fullVersion: '11.3' })
      .get(deploymentPath('d1'))
      .query(true)
      .reply(200, { deploymentId: 'd1', name: 'shared-mapserver' })
      .post(`${deploymentPath('d1')}/refresh`)
      .reply(200, { jobsUrl: jobsUrl('job-d1'), jobID: 'job-d1', jobStatus: 'SUBMITTED' })
      // The first poll is throttled for 20 s; the run is cancelled while it waits.
      .get(`${ADMIN}/jobs/job-d1`)
      .query(true)
      .reply(
        429,
        () => {
          setTimeout(() => controller.abort(), 50)
          return 'Too many requests'
        },
        { 'Retry-After': '20' }
      )
    const started = Date.now()
    await run(controller.signal)
    expect(Date.now() - started).toBeLessThan(2_000)
    scope.done()
    expect(runner.outputs).toMatchObject({
      outcome: 'cancelled',
      'job-id': 'job-d1',
      'jobs-url': jobsUrl('job-d1')
    })
    expect(runner.lines).toContain(
      `Job job-d1 of shared-mapserver (d1) was submitted and goes on in the cluster (last status SUBMITTED): ${jobsUrl('job-d1')}`
    )
    expect(runner.errors[0]).toMatch(
      /^The run was cancelled; submitted restarts go on in the cluster\./
    )
    expect(process.exitCode).toBe(1)
    const lines = runner.lines
    expect(lines.filter((line) => line.startsWith('::group::'))).toHaveLength(1)
    expect(lines.filter((line) => line === '::endgroup::')).toHaveLength(1)
  })

  it('warns that a refresh in flight may have started the restart', async () => {
    inputs()
    const controller = new AbortController()
    const scope = nock(ORIGIN)
      .get(ADMIN)
      .query(true)
      .reply(200, { fullVersion: '11.3' })
      .get(deploymentPath('d1'))
      .query(true)
      .reply(200, { deploymentId: 'd1', name: 'shared-mapserver' })
      .post(`${deploymentPath('d1')}/refresh`)
      .delay(5_000)
      .reply(200, () => ({ jobID: 'job-d1', jobStatus: 'SUBMITTED' }))
    // Cancel while the refresh is out (its answer is delayed).
    scope.on('request', (request: Request) => {
      if (request.method === 'POST') setTimeout(() => controller.abort(), 20)
    })
    const started = Date.now()
    await run(controller.signal)
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(runner.outputs).toMatchObject({ outcome: 'cancelled', 'job-id': '' })
    expect(runner.warnings).toEqual([
      'The refresh of shared-mapserver (d1) was being sent when the run was cancelled: the restart may have started; check the deployment.'
    ])
  })

  it('names where each job of the restarts running at once goes on', async () => {
    inputs({ 'poll-interval': '10s', 'deployment-id': 'd1,d2', 'max-concurrency': '2' })
    const controller = new AbortController()
    let polled = 0
    const scope = nock(ORIGIN).get(ADMIN).query(true).reply(200, { fullVersion: '11.3' })
    for (const id of ['d1', 'd2']) {
      scope
        .get(deploymentPath(id))
        .query(true)
        .reply(200, { deploymentId: id })
        .post(`${deploymentPath(id)}/refresh`)
        .reply(200, { jobID: `job-${id}`, jobStatus: 'SUBMITTED' })
        // Cancel once both jobs are being polled.
        .get(`${ADMIN}/jobs/job-${id}`)
        .query(true)
        .reply(200, () => {
          if (++polled === 2) controller.abort()
          return { status: 'EXECUTING' }
        })
    }
    await run(controller.signal)
    expect(runner.outputs).toMatchObject({ outcome: 'cancelled', 'job-id': 'job-d1,job-d2' })
    const lines = runner.lines
    for (const id of ['d1', 'd2']) {
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^Job job-${id} of ${id} was submitted and goes on in the cluster \\(last status (SUBMITTED|EXECUTING)\\)$`
          )
        )
      )
    }
    expect(lines.at(-1)).toMatch(
      /^0 of 2 deployments restarted before the run was cancelled after /
    )
  })
})

describe('secrets', () => {
  it('never writes the token, the password or a generated token, even with debug on', async () => {
    inputs({ token: '', username: 'admin', password: PASSWORD })
    process.env.RUNNER_DEBUG = '1'
    nock(ORIGIN)
      .post('/arcgis/sharing/rest/generateToken')
      .reply(200, { token: GENERATED, expires: Date.now() + 3_600_000 })
    portal([
      {
        id: 'd1',
        jobs: [
          { status: 'EXECUTING' },
          { status: 'FAILED', messages: [`refused token ${GENERATED} of admin/${PASSWORD}`] }
        ],
        statuses: []
      }
    ])
    await run()
    expect(runner.outputs.outcome).toBe('failure')
    expect(runner.lines).toContainEqual(
      expect.stringMatching(
        /^::debug::POST \/arcgis\/admin\/system\/deployments\/d1\/refresh -> HTTP 200/
      )
    )
    const written = everythingWritten()
    expect(written).not.toContain(GENERATED)
    expect(written).not.toContain(PASSWORD)
    expect(runner.errors[0]).toContain('refused token *** of admin/***')
  })

  it('does not mask a token refused as too short, which would cut that word out of its own message', async () => {
    inputs({ token: 'token' })
    await run()
    expect(runner.stdout).not.toContain('::add-mask::')
    expect(runner.errors[0]).toBe(
      "Invalid input: token is 5 characters long, too short to be an ArcGIS token (at least 16): check that the secret holds the whole token, not a placeholder or a variable's name"
    )
    expect(runner.summary).not.toContain('***')
  })

  it('redacts a token that the server echoes in an error', async () => {
    inputs()
    nock(ORIGIN)
      .get(ADMIN)
      .query(true)
      .reply(200, { fullVersion: '11.3' })
      .get(deploymentPath('d1'))
      .query(true)
      .reply(200, { deploymentId: 'd1' })
      .post(`${deploymentPath('d1')}/refresh`)
      .reply(200, { error: { code: 400, message: `Bad request: token=${TOKEN}` } })
    await run()
    expect(runner.outputs.outcome).toBe('failure')
    expect(everythingWritten()).not.toContain(TOKEN)
    expect(runner.errors[0]).toContain('Bad request: token=***')
    expect(JSON.parse(runner.outputs.results)[0].error).toContain('token=***')
  })
})

describe('every output on every path', () => {
  const declared = Object.keys(
    (parse(readFileSync('action.yml', 'utf8')) as { outputs: Record<string, unknown> }).outputs
  ).sort()

  /** Cancels the run as its first job poll is answered. */
  function cancelAtFirstPoll(controller: AbortController) {
    portal([{ id: 'd1', jobs: [], statuses: [] }])
    nock(ORIGIN)
      .get(`${ADMIN}/jobs/job-d1`)
      .query(true)
      .reply(200, () => {
        setTimeout(() => controller.abort(), 10)
        return { status: 'EXECUTING' }
      })
      .persist()
  }

  it.each([
    ['a restart that succeeds', 'success', {}, () => portal([{ id: 'd1' }])],
    [
      'a job that fails',
      'failure',
      {},
      () => portal([{ id: 'd1', jobs: [{ status: 'FAILED' }], statuses: [] }])
    ],
    [
      'a job that outlasts the timeout',
      'timeout',
      { timeout: '300ms' },
      () => portal([{ id: 'd1', jobs: Array(100).fill({ status: 'EXECUTING' }), statuses: [] }])
    ],
    [
      'a restart not waited for',
      'submitted',
      { wait: 'false' },
      () => portal([{ id: 'd1', jobs: [], statuses: [] }])
    ],
    ['a dry run', 'dry-run', { 'dry-run': 'true' }, () => portal([{ id: 'd1', jobs: [] }])],
    ['a cancellation', 'cancelled', {}, cancelAtFirstPoll],
    ['an input error', 'failure', { 'portal-url': 'not a url' }, () => undefined]
  ] as const)(
    'sets each output of action.yml after %s (%s)',
    async (_path, outcome, overrides, answer) => {
      inputs(overrides)
      const controller = new AbortController()
      answer(controller)
      await run(controller.signal)

      const outputs = runner.outputs
      expect(Object.keys(outputs).sort()).toEqual(declared)
      expect(outputs.outcome).toBe(outcome)
      expect(outputs['duration-seconds']).toMatch(/^\d+$/)
      expect(Array.isArray(JSON.parse(outputs.results))).toBe(true)
    }
  )
})
