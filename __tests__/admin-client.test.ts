import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import nock from 'nock'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  ArcGISAdminClient,
  DeploymentListingUnavailable,
  supportsAsyncJobs
} from '../src/arcgis/admin-client.js'
import { FixedToken } from '../src/arcgis/auth.js'
import { ArcGISRequestError } from '../src/arcgis/request-error.js'
import { recordRequests } from './support/nock-requests.js'
import { disposeTestClients, ORIGIN, testPortalHttp } from './support/portal-http.js'

const TOKEN = 'admin-token-123'

let client: ArcGISAdminClient

beforeEach(() => {
  nock.disableNetConnect()
  client = new ArcGISAdminClient(testPortalHttp({ tokens: new FixedToken(TOKEN, ORIGIN) }).http)
})
afterEach(() => {
  disposeTestClients()
  nock.cleanAll()
  nock.enableNetConnect()
})
// Each test file loads its own nock: unhook it from node:http so that it cannot catch the next file's requests.
afterAll(() => nock.restore())

/** A GET of `path` (with ?f=json only, the token in the header) answering `body`. */
function get(path: string, body: Record<string, unknown>) {
  const scope = nock(ORIGIN, { reqheaders: { 'x-esri-authorization': `Bearer ${TOKEN}` } })
    .get(path)
    .query({ f: 'json' })
    .reply(200, body)
  return scope
}

describe('listing deployments', () => {
  const shared = {
    mode: 'Shared',
    provider: 'DMaps',
    deploymentId: 'klor1',
    name: 'shared-mapserver',
    type: 'MapServer',
    configuredState: 'STARTED'
  }
  const ingress = {
    mode: 'Undefined',
    provider: 'Undefined',
    deploymentId: 'kxfm2',
    name: 'ingress-controller',
    type: 'System',
    configuredState: 'stopped'
  }
  // configuredState is read upper-cased.
  const listed = [
    {
      id: 'klor1',
      name: 'shared-mapserver',
      type: 'MapServer',
      mode: 'Shared',
      provider: 'DMaps',
      configuredState: 'STARTED'
    },
    {
      id: 'kxfm2',
      name: 'ingress-controller',
      type: 'System',
      mode: 'Undefined',
      provider: 'Undefined',
      configuredState: 'STOPPED'
    }
  ]
  const notFound = {
    status: 'error',
    messages: ['Could not find resource or operation.'],
    code: 404
  }

  it('from 11.0 finds every id with findDeploymentIds, then reads them with getDeploymentsById', async () => {
    const scope = nock(ORIGIN)
    const seen = recordRequests(scope)
    scope
      .post('/arcgis/admin/system/deployments/findDeploymentIds')
      .reply(200, { filteredDeploymentIds: ['klor1', 'kxfm2'] })
      .post('/arcgis/admin/system/deployments/getDeploymentsById')
      .reply(200, { deployments: [shared, ingress, { name: 'no id' }] })
    await expect(client.listDeployments('11.3')).resolves.toEqual(listed)
    expect(seen.map((request) => [request.url.pathname, request.form])).toEqual([
      ['/arcgis/admin/system/deployments/findDeploymentIds', { f: 'json', token: TOKEN }],
      [
        '/arcgis/admin/system/deployments/getDeploymentsById',
        { deploymentIDs: 'klor1,kxfm2', f: 'json', token: TOKEN }
      ]
    ])
    scope.done()
  })

  it('before 11.0, and when the version is not known, reads GET <root>/system/deployments', async () => {
    for (const version of ['10.9.1', undefined]) {
      const scope = get('/arcgis/admin/system/deployments', { deployments: [shared, ingress] })
      await expect(client.listDeployments(version)).resolves.toEqual(listed)
      scope.done()
    }
  })

  it('falls back on the listing resource when findDeploymentIds is not offered', async () => {
    const scope = nock(ORIGIN)
      .post('/arcgis/admin/system/deployments/findDeploymentIds')
      .reply(200, notFound)
    get('/arcgis/admin/system/deployments', { deployments: [shared] })
    await expect(client.listDeployments('11.3')).resolves.toEqual([listed[0]])
    scope.done()
  })

  it('falls back on findDeploymentIds when the listing resource is a page or has no list', async () => {
    const scope = nock(ORIGIN)
      .get('/arcgis/admin/system/deployments')
      .query(true)
      .reply(404, '<html><title>Not Found</title></html>')
      .post('/arcgis/admin/system/deployments/findDeploymentIds')
      .reply(200, { deploymentIds: ['klor1'] })
      .post('/arcgis/admin/system/deployments/getDeploymentsById')
      .reply(200, { deployments: [shared] })
    await expect(client.listDeployments('10.9')).resolves.toEqual([listed[0]])
    scope.done()

    get('/arcgis/admin/system/deployments', { resources: ['properties'] })
    nock(ORIGIN)
      .post('/arcgis/admin/system/deployments/findDeploymentIds')
      .reply(200, { filteredDeploymentIds: [] })
    await expect(client.listDeployments('10.9')).resolves.toEqual([])
  })

  it('says what each way answered when neither is offered', async () => {
    nock(ORIGIN)
      .post('/arcgis/admin/system/deployments/findDeploymentIds')
      .reply(200, notFound)
      .get('/arcgis/admin/system/deployments')
      .query(true)
      .reply(200, { resources: [] })
    const error = await client.listDeployments('11.3').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DeploymentListingUnavailable)
    expect((error as Error).message).toBe(
      'The server lists its deployments neither way: findDeploymentIds: ArcGIS error 404: Could not find resource or operation. (HTTP 200); GET system/deployments answered without a list of deployments'
    )
  })

  it('does not fall back when the token is refused', async () => {
    const scope = nock(ORIGIN)
      .post('/arcgis/admin/system/deployments/findDeploymentIds')
      .reply(200, { error: { code: 498, message: 'Invalid token.' } })
    const error = await client.listDeployments('11.3').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ArcGISRequestError)
    expect((error as ArcGISRequestError).code).toBe(498)
    scope.done()
  })
})

describe('services', () => {
  it('lists the services of the root folder and of every folder, with their deployments where given', async () => {
    get('/arcgis/admin/services', {
      folderName: '/',
      folders: ['Hosted', 'Utilities'],
      services: [{ folderName: '', serviceName: 'SampleWorldCities', type: 'MapServer', id: 's1' }]
    })
    get('/arcgis/admin/services/Hosted', {
      folderName: 'Hosted',
      services: [
        { serviceName: 'Parcels', type: 'FeatureServer', deploymentId: 'kp' },
        { serviceName: 'broken' }
      ]
    })
    get('/arcgis/admin/services/Utilities', {
      services: [
        {
          folderName: 'Utilities',
          serviceName: 'Geometry',
          type: 'GeometryServer',
          deploymentId: 'kg'
        }
      ]
    })
    await expect(client.listServices()).resolves.toEqual([
      {
        service: {
          folder: undefined,
          name: 'SampleWorldCities',
          type: 'MapServer',
          label: 'SampleWorldCities.MapServer'
        },
        deploymentId: undefined
      },
      {
        service: {
          folder: 'Hosted',
          name: 'Parcels',
          type: 'FeatureServer',
          label: 'Hosted/Parcels.FeatureServer'
        },
        deploymentId: 'kp'
      },
      {
        service: {
          folder: 'Utilities',
          name: 'Geometry',
          type: 'GeometryServer',
          label: 'Utilities/Geometry.GeometryServer'
        },
        deploymentId: 'kg'
      }
    ])
  })

  it('asks a service for its description at <portal>/rest/services/<Folder>/<Name>/<Type>, the token in the header', async () => {
    const parcels = {
      folder: 'Hosted',
      name: 'Parcels',
      type: 'FeatureServer',
      label: 'Hosted/Parcels.FeatureServer'
    }
    expect(client.serviceUrl(parcels)).toBe(
      `${ORIGIN}/arcgis/rest/services/Hosted/Parcels/FeatureServer`
    )
    const scope = get('/arcgis/rest/services/Hosted/Parcels/FeatureServer', {
      currentVersion: 11.3,
      layers: []
    })
    await expect(client.readServiceEndpoint(parcels)).resolves.toBeUndefined()
    scope.done()

    get('/arcgis/rest/services/Cities/MapServer', {
      error: { code: 500, message: 'Service Cities/MapServer not started' }
    })
    await expect(
      client.readServiceEndpoint({ name: 'Cities', type: 'MapServer', label: 'Cities.MapServer' })
    ).rejects.toThrow(
      'service Cities.MapServer failed: ArcGIS error 500: Service Cities/MapServer not started'
    )
  })
})

describe('reads', () => {
  it('reads the version from GET <portal>/admin', async () => {
    const scope = get('/arcgis/admin', { fullVersion: '11.3', currentVersion: '11.3.0' })
    await expect(client.getServerInfo()).resolves.toEqual({ version: '11.3', resources: undefined })
    scope.done()
  })

  it('falls back on currentVersion, and on nothing', async () => {
    get('/arcgis/admin', { currentVersion: '10.9' })
    await expect(client.getServerInfo()).resolves.toMatchObject({ version: '10.9' })
    get('/arcgis/admin', { resources: [] })
    await expect(client.getServerInfo()).resolves.toEqual({ version: undefined, resources: [] })
  })

  it('reads the resources the admin root lists, ignoring what is not a name', async () => {
    get('/arcgis/admin', { fullVersion: '10.9.1', resources: ['orgs', 'system', 7, 'services'] })
    await expect(client.getServerInfo()).resolves.toEqual({
      version: '10.9.1',
      resources: ['orgs', 'system', 'services']
    })
  })

  it('reads a currentVersion given as a JSON number, as Esri prints it', async () => {
    nock(ORIGIN)
      .get('/arcgis/admin')
      .query({ f: 'json' })
      .reply(200, '{"resources":["system"],"currentVersion":10.9}', {
        'Content-Type': 'application/json'
      })
    await expect(client.getServerInfo()).resolves.toEqual({
      version: '10.9',
      resources: ['system']
    })
    get('/arcgis/admin', { currentVersion: 11.4 })
    await expect(client.getServerInfo()).resolves.toMatchObject({ version: '11.4' })
    get('/arcgis/admin', { fullVersion: '10.9.1', currentVersion: 10.9 })
    await expect(client.getServerInfo()).resolves.toMatchObject({ version: '10.9.1' })
  })

  it('reads a deployment from GET <root>/system/deployments/<id>', async () => {
    const scope = get('/arcgis/admin/system/deployments/kvy123', {
      deploymentId: 'kvy123',
      name: 'shared-mapserver',
      type: 'MapServer',
      mode: 'Shared',
      provider: 'DMaps',
      configuredState: 'STOPPED',
      // A real server's spec: replicas as an object, which nothing here reads.
      spec: { replicas: { min: 3, max: 3, scalingMode: 'manual' } }
    })
    await expect(client.getDeployment('kvy123')).resolves.toEqual({
      id: 'kvy123',
      name: 'shared-mapserver',
      type: 'MapServer',
      mode: 'Shared',
      provider: 'DMaps',
      configuredState: 'STOPPED'
    })
    scope.done()
  })

  it('reads a deployment status from GET <root>/system/deployments/<id>/status', async () => {
    const scope = get('/arcgis/admin/system/deployments/kvy123/status', {
      name: 'shared-mapserver',
      id: 'kvy123',
      currentState: 'STARTED',
      readyReplicas: 1,
      totalReplicas: 2
    })
    await expect(client.getDeploymentStatus('kvy123')).resolves.toEqual({
      currentState: 'STARTED',
      readyReplicas: 1,
      totalReplicas: 2
    })
    scope.done()
  })

  it('reads replica counts given as numeric strings, and ignores anything else', async () => {
    get('/arcgis/admin/system/deployments/kvy123/status', {
      currentState: 'STARTED',
      readyReplicas: '1',
      totalReplicas: ' 2 '
    })
    await expect(client.getDeploymentStatus('kvy123')).resolves.toEqual({
      currentState: 'STARTED',
      readyReplicas: 1,
      totalReplicas: 2
    })
    get('/arcgis/admin/system/deployments/kvy123/status', {
      readyReplicas: 'one',
      totalReplicas: null
    })
    await expect(client.getDeploymentStatus('kvy123')).resolves.toEqual({
      currentState: undefined,
      readyReplicas: undefined,
      totalReplicas: undefined
    })
  })

  it('reads a deployment status once when a poll loop asks', async () => {
    const scope = nock(ORIGIN)
      .get('/arcgis/admin/system/deployments/kvy123/status')
      .query(true)
      .reply(503, 'unavailable')
      .get('/arcgis/admin/system/deployments/kvy123/status')
      .query(true)
      .reply(200, {})
    await expect(client.getDeploymentStatus('kvy123', 'once')).rejects.toThrow('HTTP 503')
    expect(scope.pendingMocks()).toHaveLength(1)
  })

  it('reads a service in a folder from GET <root>/services/<folder>/<Name>.<Type>', async () => {
    const scope = get('/arcgis/admin/services/Hosted/Parcels.FeatureServer', {
      serviceName: 'Parcels',
      deploymentId: 'dep-parcels'
    })
    await expect(
      client.getServiceDeploymentIds({
        folder: 'Hosted',
        name: 'Parcels',
        type: 'FeatureServer',
        label: 'Hosted/Parcels.FeatureServer'
      })
    ).resolves.toEqual(['dep-parcels'])
    scope.done()
  })

  const basemap = { name: 'Basemap', type: 'MapServer', label: 'Basemap.MapServer' }

  it('falls back on the deployments of the scaling resource, each once', async () => {
    const service = get('/arcgis/admin/services/Basemap.MapServer', { serviceName: 'Basemap' })
    const scaling = get('/arcgis/admin/services/Basemap.MapServer/scaling', {
      scalingSpec: [
        { deploymentType: 'MapServer', deploymentId: 'dep-a', replicas: { min: 1 } },
        { deploymentType: 'MapServer', deploymentId: 'dep-b' },
        { deploymentType: 'MapServer', deploymentId: 'dep-a' },
        { deploymentType: 'MapServer' }
      ]
    })
    await expect(client.getServiceDeploymentIds(basemap)).resolves.toEqual(['dep-a', 'dep-b'])
    service.done()
    scaling.done()
  })

  it('finds no deployment when neither the service nor its scaling names one', async () => {
    get('/arcgis/admin/services/Basemap.MapServer', { serviceName: 'Basemap' })
    get('/arcgis/admin/services/Basemap.MapServer/scaling', { scalingSpec: {} })
    await expect(client.getServiceDeploymentIds(basemap)).resolves.toEqual([])
    get('/arcgis/admin/services/Basemap.MapServer', { serviceName: 'Basemap' })
    get('/arcgis/admin/services/Basemap.MapServer/scaling', {
      status: 'error',
      messages: ['Could not find resource or operation scaling.'],
      code: 404
    })
    await expect(client.getServiceDeploymentIds(basemap)).resolves.toEqual([])
  })

  it('fails when the scaling resource fails otherwise', async () => {
    get('/arcgis/admin/services/Basemap.MapServer', { serviceName: 'Basemap' })
    get('/arcgis/admin/services/Basemap.MapServer/scaling', {
      status: 'error',
      messages: ['Not permitted.'],
      code: 403
    })
    await expect(client.getServiceDeploymentIds(basemap)).rejects.toThrow(
      'reading the scaling of service Basemap.MapServer failed: ArcGIS error 403: Not permitted.'
    )
  })

  it('encodes ids so that the path keeps its shape', async () => {
    const scope = get('/arcgis/admin/system/deployments/..%2Fx', {})
    await client.getDeployment('../x')
    scope.done()
  })
})

describe('refreshDeployment', () => {
  const REFRESH = '/arcgis/admin/system/deployments/kvy123/refresh'

  it('posts async=true&f=json&token=… to <root>/system/deployments/<id>/refresh', async () => {
    const scope = nock(ORIGIN)
      .post(REFRESH)
      .reply(200, {
        jobsUrl: `${ORIGIN}/arcgis/admin/jobs/j9`,
        jobID: 'j9',
        jobStatus: 'SUBMITTED'
      })
    const seen = recordRequests(scope)
    await expect(client.refreshDeployment('kvy123')).resolves.toEqual({
      kind: 'job',
      jobId: 'j9',
      jobsUrl: `${ORIGIN}/arcgis/admin/jobs/j9`,
      status: 'SUBMITTED'
    })
    scope.done()
    expect(seen[0].body).toBe(`async=true&f=json&token=${TOKEN}`)
    expect(seen[0].url.search).toBe('')
  })

  it.each([
    [{ jobID: 'j1', jobStatus: 'SUBMITTED' }, 'SUBMITTED'],
    [{ jobid: 'j1', status: 'EXECUTING' }, 'EXECUTING'],
    [{ jobId: 'j1', jobStatus: 'SUBMITTED', status: 'ignored' }, 'SUBMITTED'],
    [{ jobId: 'j1' }, 'SUBMITTED']
  ])('reads the job of %j', async (answer, status) => {
    nock(ORIGIN).post(REFRESH).reply(200, answer)
    await expect(client.refreshDeployment('kvy123')).resolves.toEqual({
      kind: 'job',
      jobId: 'j1',
      jobsUrl: undefined,
      status
    })
  })

  it.each([
    [{ jobid: 123, status: 'SUBMITTED' }, '123'],
    [{ jobsUrl: `${ORIGIN}/arcgis/admin/jobs/jfromurl`, jobStatus: 'SUBMITTED' }, 'jfromurl'],
    [{ jobsUrl: `${ORIGIN}/arcgis/admin/jobs/jfromurl/?f=json`, status: 'SUBMITTED' }, 'jfromurl']
  ])('reads the job id of %j', async (answer, jobId) => {
    nock(ORIGIN).post(REFRESH).reply(200, answer)
    await expect(client.refreshDeployment('kvy123')).resolves.toMatchObject({ kind: 'job', jobId })
  })

  it('waits longer than the request timeout for a server that answers when the restart is done', async () => {
    const slow = testPortalHttp({
      requestTimeoutMs: 50,
      tokens: new FixedToken(TOKEN, ORIGIN)
    }).http
    try {
      nock(ORIGIN).post(REFRESH).delay(200).reply(200, { status: 'success' })
      await expect(new ArcGISAdminClient(slow).refreshDeployment('kvy123', 5_000)).resolves.toEqual(
        {
          kind: 'done'
        }
      )
      nock(ORIGIN).post(REFRESH).delay(200).reply(200, { status: 'success' })
      await expect(new ArcGISAdminClient(slow).refreshDeployment('kvy123')).rejects.toThrow(
        'no answer in time'
      )
    } finally {
      nock.abortPendingRequests()
      slow.dispose()
    }
  })

  it('lets a slow answer idle its socket longer than the request timeout (a real socket)', async () => {
    // nock's delay keeps its fake socket busy: only a real server leaves the socket silent while it works.
    nock.enableNetConnect('127.0.0.1')
    const server: Server = createServer((request, response) => {
      request.resume()
      request.on('end', () => {
        setTimeout(() => {
          response.setHeader('Content-Type', 'application/json')
          response.end(JSON.stringify({ status: 'success' }))
        }, 300)
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const { http } = testPortalHttp({
        portalUrl: `http://127.0.0.1:${port}/arcgis`,
        requestTimeoutMs: 50,
        tokens: new FixedToken(TOKEN, ORIGIN)
      })
      const started = Date.now()
      await expect(new ArcGISAdminClient(http).refreshDeployment('kvy123', 5_000)).resolves.toEqual(
        { kind: 'done' }
      )
      expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('retries a refresh that a restarting ingress answered with 503', async () => {
    const scope = nock(ORIGIN)
      .post(REFRESH)
      .reply(503, '<html><title>503 Service Temporarily Unavailable</title></html>')
      .post(REFRESH)
      .reply(200, { jobID: 'j1', jobStatus: 'SUBMITTED' })
    const seen = recordRequests(scope)
    await expect(client.refreshDeployment('kvy123')).resolves.toMatchObject({
      kind: 'job',
      jobId: 'j1'
    })
    scope.done()
    expect(seen).toHaveLength(2)
  })

  it('does not send a refresh again when its connection broke after it went out', async () => {
    const scope = nock(ORIGIN)
      .post(REFRESH)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
      .post(REFRESH)
      .reply(200, { jobID: 'j1', jobStatus: 'SUBMITTED' })
    const seen = recordRequests(scope)
    await expect(client.refreshDeployment('kvy123')).rejects.toThrow(
      'refresh of deployment kvy123 failed: connection failed (ECONNRESET): socket hang up.'
    )
    expect(seen).toHaveLength(1)
    expect(scope.pendingMocks()).toHaveLength(1)
  })

  it.each([
    [502, '<html><title>502 Bad Gateway</title></html>'],
    [504, '<html><title>504 Gateway Time-out</title></html>']
  ])(
    'does not send a refresh again after an HTTP %d: the admin API may have acted on it',
    async (status, page) => {
      const scope = nock(ORIGIN)
        .post(REFRESH)
        .reply(status, page)
        .post(REFRESH)
        .reply(200, { jobID: 'j1', jobStatus: 'SUBMITTED' })
      const seen = recordRequests(scope)
      const error = await client.refreshDeployment('kvy123').catch((caught: unknown) => caught)
      expect(error).toMatchObject({ delivery: 'unknown' })
      expect(seen).toHaveLength(1)
    }
  )

  it('sends a refresh again after a 429: the ingress throttled it', async () => {
    const scope = nock(ORIGIN)
      .post(REFRESH)
      .reply(429, 'Too Many Requests', { 'Retry-After': '0' })
      .post(REFRESH)
      .reply(200, { jobID: 'j1', jobStatus: 'SUBMITTED' })
    await expect(client.refreshDeployment('kvy123')).resolves.toMatchObject({ jobId: 'j1' })
    scope.done()
  })

  it.each([{ status: 'success' }, { status: 'Success' }])(
    'takes %j (a server without restart jobs) as a finished restart',
    async (answer) => {
      nock(ORIGIN).post(REFRESH).reply(200, answer)
      await expect(client.refreshDeployment('kvy123')).resolves.toEqual({ kind: 'done' })
    }
  )

  it('fails on an answer that is neither a job nor success', async () => {
    nock(ORIGIN).post(REFRESH).reply(200, { hello: 'world' })
    await expect(client.refreshDeployment('kvy123')).rejects.toThrow(
      'refresh of deployment kvy123 answered neither a job nor success: {"hello":"world"}'
    )
  })

  it('fails with the server messages on an error body', async () => {
    nock(ORIGIN)
      .post(REFRESH)
      .reply(200, { status: 'error', messages: ['Deployment kvy123 not found.'], code: 404 })
    await expect(client.refreshDeployment('kvy123')).rejects.toThrow(
      'refresh of deployment kvy123 failed: ArcGIS error 404: Deployment kvy123 not found. (HTTP 200).'
    )
  })
})

describe('getJob', () => {
  const JOB = '/arcgis/admin/jobs/j1'

  it('reads GET <root>/jobs/<id> and upper-cases the status', async () => {
    const scope = get(JOB, { jobid: 'j1', status: 'executing', endtime: 0 })
    await expect(client.getJob('j1')).resolves.toEqual({
      status: 'EXECUTING',
      messages: [],
      resultIsError: false
    })
    scope.done()
  })

  it('reads the messages of a FAILED job without taking the body for an API error', async () => {
    get(JOB, {
      jobid: 'j1',
      status: 'FAILED',
      messages: ['Pod failed to start.', 'ImagePullBackOff']
    })
    await expect(client.getJob('j1')).resolves.toEqual({
      status: 'FAILED',
      messages: ['Pod failed to start.', 'ImagePullBackOff'],
      resultIsError: false
    })
  })

  it('finds an error inside the result of a COMPLETED job', async () => {
    get(JOB, {
      status: 'COMPLETED',
      result: { error: { message: 'Refresh failed.', details: ['Timed out waiting for pods.'] } }
    })
    await expect(client.getJob('j1')).resolves.toEqual({
      status: 'COMPLETED',
      messages: ['Refresh failed.', 'Timed out waiting for pods.'],
      resultIsError: true
    })
  })

  it.each([
    [{ status: 'failed', messages: ['m1'] }, ['m1']],
    [{ status: 'error', message: 'm2' }, ['m2']],
    [{ success: false, messages: [{ message: 'm3' }] }, ['m3']]
  ])('finds the error of the result %j', async (result, messages) => {
    get(JOB, { status: 'COMPLETED', result })
    await expect(client.getJob('j1')).resolves.toEqual({
      status: 'COMPLETED',
      messages,
      resultIsError: true
    })
  })

  it('does not take an ordinary result for an error', async () => {
    get(JOB, {
      status: 'COMPLETED',
      result: { status: 'success', service: { deploymentId: 'kvy123' } }
    })
    await expect(client.getJob('j1')).resolves.toEqual({
      status: 'COMPLETED',
      messages: [],
      resultIsError: false
    })
  })

  it('reads jobStatus when there is no status', async () => {
    get(JOB, { jobId: 'j1', jobStatus: ' Executing ' })
    await expect(client.getJob('j1')).resolves.toMatchObject({ status: 'EXECUTING' })
  })

  it('reads the error of a FAILED job that has no messages', async () => {
    get(JOB, { status: 'FAILED', error: { message: 'Pod crashed.' } })
    await expect(client.getJob('j1')).resolves.toEqual({
      status: 'FAILED',
      messages: ['Pod crashed.'],
      resultIsError: false
    })
  })

  it.each([
    [
      { result: { messages: ['Pods crashed.', 'ImagePullBackOff'] } },
      ['Pods crashed.', 'ImagePullBackOff']
    ],
    [{ result: { message: 'Pods crashed.' } }, ['Pods crashed.']],
    [{ result: { error: 'Pods crashed.' } }, ['Pods crashed.']],
    [
      { result: { error: { message: 'Pods crashed.', details: ['Back-off 5m.'] } } },
      ['Pods crashed.', 'Back-off 5m.']
    ],
    [
      { result: { status: 'error', code: 500 } },
      ['the job\'s result says status "error", code 500']
    ],
    [{ result: { code: '409' } }, ["the job's result says code 409"]],
    [{ result: 'Pods crashed.' }, ['Pods crashed.']],
    [{ messages: ['Top.'], result: { messages: ['Inside.', 'Top.'] } }, ['Top.', 'Inside.']],
    [{ result: {} }, []],
    [{}, []]
  ])('reads why a FAILED job failed from %j', async (body, messages) => {
    get(JOB, { jobid: 'j1', status: 'FAILED', ...body })
    await expect(client.getJob('j1')).resolves.toMatchObject({ status: 'FAILED', messages })
  })

  it('redacts a secret that the reasons of a failed job echo: they get logged', async () => {
    const secretClient = new ArcGISAdminClient(
      testPortalHttp({ tokens: new FixedToken(TOKEN, ORIGIN), secrets: [TOKEN] }).http
    )
    get(JOB, { status: 'FAILED', result: { error: `token ${TOKEN} was refused` } })
    await expect(secretClient.getJob('j1')).resolves.toMatchObject({
      messages: ['token *** was refused']
    })
  })

  it('takes a text error in the result of a COMPLETED job for an error', async () => {
    get(JOB, { status: 'COMPLETED', result: { error: 'Pods not recreated.' } })
    await expect(client.getJob('j1')).resolves.toEqual({
      status: 'COMPLETED',
      messages: ['Pods not recreated.'],
      resultIsError: true
    })
  })

  it('reads what the job does and when it started', async () => {
    get(JOB, {
      jobid: 'j1',
      status: 'EXECUTING',
      operationURI: '/arcgis/admin/system/deployments/kvy123/refresh',
      starttime: 1635961542583
    })
    await expect(client.getJob('j1')).resolves.toEqual({
      status: 'EXECUTING',
      messages: [],
      resultIsError: false,
      operationUri: '/arcgis/admin/system/deployments/kvy123/refresh',
      startTime: 1635961542583
    })
  })

  it('reports an empty status when the job has none', async () => {
    get(JOB, { jobid: 'j1' })
    await expect(client.getJob('j1')).resolves.toMatchObject({ status: '' })
  })

  it('is tried once: the poll loop retries on its own schedule', async () => {
    const scope = nock(ORIGIN)
      .get(JOB)
      .query(true)
      .reply(503, 'unavailable')
      .get(JOB)
      .query(true)
      .reply(200, { status: 'COMPLETED' })
    await expect(client.getJob('j1')).rejects.toThrow('reading job j1 failed: HTTP 503')
    expect(scope.pendingMocks()).toHaveLength(1)
  })
})

describe('listJobs', () => {
  it('reads GET <root>/jobs given as a list of ids, as ArcGIS Server lists its jobs', async () => {
    const scope = get('/arcgis/admin/jobs', { jobs: ['j1', 'j2', 7, '', null] })
    await expect(client.listJobs()).resolves.toEqual([
      { jobId: 'j1' },
      { jobId: 'j2' },
      { jobId: '7' }
    ])
    scope.done()
  })

  it('reads a list of job objects, under jobs or jobIds', async () => {
    get('/arcgis/admin/jobs', {
      jobs: [
        {
          jobid: 'j1',
          status: 'EXECUTING',
          operationURI: 'system/deployments/kvy123/refresh',
          starttime: 5
        },
        { jobId: 'j2' },
        { status: 'COMPLETED' }
      ]
    })
    await expect(client.listJobs()).resolves.toEqual([
      {
        jobId: 'j1',
        job: {
          status: 'EXECUTING',
          messages: [],
          resultIsError: false,
          operationUri: 'system/deployments/kvy123/refresh',
          startTime: 5
        }
      },
      { jobId: 'j2', job: { status: '', messages: [], resultIsError: false } }
    ])
    get('/arcgis/admin/jobs', { jobIds: ['j3'] })
    await expect(client.listJobs()).resolves.toEqual([{ jobId: 'j3' }])
  })

  it('reads an empty or unexpected listing as no jobs', async () => {
    get('/arcgis/admin/jobs', {})
    await expect(client.listJobs()).resolves.toEqual([])
    get('/arcgis/admin/jobs', { jobs: 'j1' })
    await expect(client.listJobs()).resolves.toEqual([])
  })
})

describe('supportsAsyncJobs', () => {
  it.each([
    ['10.8.1', false],
    ['10.9', false],
    ['10.9.0', false],
    ['10.9.1', true],
    ['10.10', true],
    ['11.0', true],
    ['11.3', true],
    ['12.0', true],
    ['9.9.9', false]
  ])('%s → %s', (version, expected) => {
    expect(supportsAsyncJobs(version)).toBe(expected)
  })
})
