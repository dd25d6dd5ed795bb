// The emulator's own contract, checked over real sockets: if the emulator drifts from the API
// brief, every test of the action that relies on it becomes meaningless.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import http from 'node:http'
import https from 'node:https'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import tls from 'node:tls'
import { startConnectProxy } from '../emulator/proxy.ts'
import { actionEnv, parseFileCommands } from '../emulator/run-action.ts'
import { scenarios, startEmulator } from '../emulator/server.ts'
import type { Emulator, EmulatorOptions } from '../emulator/server.ts'
import { testCertificates } from './support/certificates.ts'

// Clocks short enough for the suite, long enough for polls every 25 ms to see every state.
const quick: EmulatorOptions = { submittedMs: 150, executingMs: 300, readyDelayMs: 200 }

const running: Emulator[] = []
async function emulate(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator({ ...quick, ...options })
  running.push(emulator)
  return emulator
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()))
})

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

interface JsonAnswer {
  status: number
  headers: Headers
  body: Record<string, unknown>
}

async function call(url: string, init: RequestInit = {}): Promise<JsonAnswer> {
  const response = await fetch(url, init)
  const body = (await response.json()) as Record<string, unknown>
  return { status: response.status, headers: response.headers, body }
}

function get(emulator: Emulator, route: string, token = emulator.token): Promise<JsonAnswer> {
  const separator = route.includes('?') ? '&' : '?'
  return call(`${emulator.portalUrl}/${route}${separator}f=json&token=${token}`)
}

function post(
  emulator: Emulator,
  route: string,
  form: Record<string, string>
): Promise<JsonAnswer> {
  return call(`${emulator.portalUrl}/${route}`, {
    method: 'POST',
    body: new URLSearchParams({ f: 'json', ...form })
  })
}

function refresh(emulator: Emulator, deploymentId: string, form: Record<string, string> = {}) {
  return post(emulator, `admin/system/deployments/${deploymentId}/refresh`, {
    async: 'true',
    token: emulator.token,
    ...form
  })
}

describe('generateToken and authentication', () => {
  const credentials = { username: 'admin', password: 'emulator-password' }

  it('issues a token for good credentials and caps its expiration at 1440 minutes', async () => {
    const emulator = await emulate({ tls: undefined })
    const before = Date.now()
    const { body } = await post(emulator, 'sharing/rest/generateToken', {
      ...credentials,
      client: 'referer',
      referer: 'https://github.com/actions',
      expiration: '5000'
    })
    expect(body).toEqual({ token: expect.any(String), expires: expect.any(Number), ssl: false })
    expect(body.expires as number).toBeGreaterThanOrEqual(before + 1440 * 60_000)
    expect(body.expires as number).toBeLessThanOrEqual(Date.now() + 1440 * 60_000)
  })

  it('refuses bad credentials with the portal-style 400 body', async () => {
    const emulator = await emulate()
    const answer = await post(emulator, 'sharing/rest/generateToken', {
      username: 'admin',
      password: 'wrong'
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      error: {
        code: 400,
        message: 'Unable to generate token.',
        details: ['Invalid username or password.']
      }
    })
  })

  it('binds a referer token to its Referer header', async () => {
    const emulator = await emulate()
    const referer = 'https://github.com/actions'
    const { body } = await post(emulator, 'sharing/rest/generateToken', {
      ...credentials,
      client: 'referer',
      referer
    })
    const url = `${emulator.portalUrl}/admin?f=json&token=${body.token}`
    expect((await call(url)).body).toMatchObject({ error: { code: 498 } })
    expect(
      (await call(url, { headers: { Referer: 'https://elsewhere.example' } })).body
    ).toMatchObject({ error: { code: 498 } })
    expect((await call(url, { headers: { Referer: referer } })).body).toMatchObject({
      fullVersion: '11.4'
    })
  })

  it("pre-issues a token minted for the literal referer 'referer', as Esri's command-line client mints it", async () => {
    const emulator = await emulate()
    const url = `${emulator.portalUrl}/admin?f=json&token=${emulator.foreignRefererToken}`
    expect((await call(url)).body).toMatchObject({ error: { code: 498 } })
    expect((await call(url, { headers: { Referer: emulator.origin } })).body).toMatchObject({
      error: { code: 498 }
    })
    expect((await call(url, { headers: { Referer: 'referer' } })).body).toMatchObject({
      fullVersion: '11.4'
    })
  })

  it('answers 499 without a token and 498 for an unknown one', async () => {
    const emulator = await emulate()
    expect((await call(`${emulator.portalUrl}/admin?f=json`)).body).toEqual({
      error: { code: 499, message: 'Token Required.', details: [] }
    })
    expect((await get(emulator, 'admin', 'not-a-token')).body).toMatchObject({
      error: { code: 498, message: 'Invalid token.' }
    })
  })

  it('reads the token from the body, the query, X-Esri-Authorization and Authorization', async () => {
    const emulator = await emulate()
    const url = `${emulator.portalUrl}/admin/system/deployments?f=json`
    for (const header of ['X-Esri-Authorization', 'Authorization']) {
      const answer = await call(url, { headers: { [header]: `Bearer ${emulator.token}` } })
      expect(answer.body).toHaveProperty('deployments')
    }
    expect((await get(emulator, 'admin/system/deployments')).body).toHaveProperty('deployments')
    const posted = await post(emulator, 'admin/system/deployments', { token: emulator.token })
    expect(posted.body).toHaveProperty('deployments')
  })

  it('sends errors with their code as HTTP status when errorHttpStatus is code', async () => {
    const emulator = await emulate({ errorHttpStatus: 'code' })
    expect((await call(`${emulator.portalUrl}/admin?f=json`)).status).toBe(499)
    expect((await get(emulator, 'admin', 'not-a-token')).status).toBe(498)
    expect((await get(emulator, 'admin/system/deployments/nope')).status).toBe(404)
  })

  it('invalidates every token issued so far on expireTokens, and expires them on the clock', async () => {
    const emulator = await emulate({ tokenLifetimeMs: 150 })
    const { body } = await post(emulator, 'sharing/rest/generateToken', credentials)
    emulator.expireTokens()
    expect((await get(emulator, 'admin')).body).toMatchObject({ error: { code: 498 } })
    expect((await get(emulator, 'admin', body.token as string)).body).toMatchObject({
      error: { code: 498 }
    })
    const fresh = await post(emulator, 'sharing/rest/generateToken', credentials)
    expect((await get(emulator, 'admin', fresh.body.token as string)).body).toHaveProperty(
      'fullVersion'
    )
    await sleep(200)
    expect((await get(emulator, 'admin', fresh.body.token as string)).body).toMatchObject({
      error: { code: 498, details: ['Token has expired.'] }
    })
  })

  it('refuses a refresh with a publisher token but lets it read', async () => {
    const emulator = await emulate({
      users: [{ username: 'publisher', password: 'secret', role: 'publisher' }]
    })
    const { body } = await post(emulator, 'sharing/rest/generateToken', {
      username: 'publisher',
      password: 'secret'
    })
    const token = body.token as string
    expect((await get(emulator, 'admin/system/deployments', token)).body).toHaveProperty(
      'deployments'
    )
    const refused = await refresh(emulator, emulator.deploymentIds[0], { token })
    expect(refused.body).toEqual({
      status: 'error',
      messages: [
        'User does not have the permissions to perform this operation. Requires the default Administrator role.'
      ],
      code: 403
    })
  })
})

describe('deployments, services and other resources', () => {
  it('reports the version, the deployments and each deployment', async () => {
    const emulator = await emulate({ version: '11.3' })
    expect((await get(emulator, 'admin')).body).toMatchObject({
      fullVersion: '11.3',
      currentVersion: '11.3'
    })
    const { body } = await get(emulator, 'admin/system/deployments')
    expect(body.deployments).toEqual([
      expect.objectContaining({
        name: 'shared-mapserver',
        mode: 'Shared',
        provider: 'DMaps',
        configuredState: 'STARTED'
      }),
      expect.objectContaining({
        name: 'parcels-featureserver',
        mode: 'Dedicated',
        provider: 'SDS'
      }),
      expect.objectContaining({
        name: 'water-mapserver',
        mode: 'Dedicated',
        provider: 'ArcObjects11'
      })
    ])
    const [sharedId] = emulator.deploymentIds
    expect((await get(emulator, `admin/system/deployments/${sharedId}`)).body).toEqual({
      deploymentId: sharedId,
      name: 'shared-mapserver',
      type: 'MapServer',
      mode: 'Shared',
      provider: 'DMaps',
      configuredState: 'STARTED',
      spec: { replicas: { min: 2, max: 2, scalingMode: 'manual' } }
    })
    expect((await get(emulator, `admin/system/deployments/${sharedId}/status`)).body).toEqual({
      name: 'shared-mapserver',
      id: sharedId,
      currentState: 'STARTED',
      readyReplicas: 2,
      totalReplicas: 2,
      kubernetesResourceKind: 'Deployment',
      kubernetesResourceName: 'arcgis-shared-mapserver'
    })
  })

  it('answers an unknown deployment, job or resource with an admin-style 404', async () => {
    const emulator = await emulate()
    expect((await get(emulator, 'admin/system/deployments/nope')).body).toEqual({
      status: 'error',
      messages: ["Deployment 'nope' does not exist."],
      code: 404
    })
    expect((await refresh(emulator, 'nope')).body).toMatchObject({ status: 'error', code: 404 })
    expect((await get(emulator, 'admin/jobs/jnope')).body).toMatchObject({ code: 404 })
    expect((await get(emulator, 'admin/nothing/here')).body).toMatchObject({ code: 404 })
  })

  it('resolves services in a folder and in the root folder to their deployment', async () => {
    const emulator = await emulate()
    const [sharedId, parcelsId] = emulator.deploymentIds
    expect((await get(emulator, 'admin/services/Hosted/Parcels.FeatureServer')).body).toMatchObject(
      {
        serviceName: 'Parcels',
        type: 'FeatureServer',
        folderName: 'Hosted',
        deploymentId: parcelsId
      }
    )
    expect((await get(emulator, 'admin/services/SampleWorldCities.MapServer')).body).toMatchObject({
      serviceName: 'SampleWorldCities',
      folderName: '/',
      deploymentId: sharedId
    })
    expect((await get(emulator, 'admin/services/Hosted/Nope.FeatureServer')).body).toMatchObject({
      status: 'error',
      code: 404
    })
  })

  it('answers HTML without f=json and refuses a refresh by GET', async () => {
    const emulator = await emulate()
    const page = await fetch(`${emulator.portalUrl}/admin?token=${emulator.token}`)
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    const [id] = emulator.deploymentIds
    expect((await get(emulator, `admin/system/deployments/${id}/refresh`)).body).toMatchObject({
      status: 'error',
      code: 405
    })
  })
})

describe('listing deployments and services', () => {
  it('lists deployments by GET system/deployments and by findDeploymentIds with getDeploymentsById', async () => {
    const emulator = await emulate({ deployments: scenarios.platform.deployments })
    const listed = (await get(emulator, 'admin/system/deployments')).body.deployments
    expect(listed).toContainEqual({
      deploymentId: 'kx1c9v7b5n3m8a2s4d6fg',
      name: 'ingress-controller',
      type: 'System',
      mode: 'Undefined',
      provider: 'Undefined',
      configuredState: 'STARTED'
    })
    const found = await post(emulator, 'admin/system/deployments/findDeploymentIds', {
      token: emulator.token
    })
    expect(found.body).toEqual({ filteredDeploymentIds: emulator.deploymentIds })
    const byIds = await post(emulator, 'admin/system/deployments/getDeploymentsById', {
      token: emulator.token,
      deploymentIDs: emulator.deploymentIds.join(',')
    })
    expect(byIds.body.deployments).toEqual(listed)
  })

  it('filters findDeploymentIds by whole values whatever the case, and wants deploymentIDs', async () => {
    const emulator = await emulate({ deployments: scenarios.platform.deployments })
    const find = (form: Record<string, string>) =>
      post(emulator, 'admin/system/deployments/findDeploymentIds', {
        token: emulator.token,
        ...form
      })
    expect((await find({ filterType: 'system' })).body.filteredDeploymentIds).toEqual([
      'kx1c9v7b5n3m8a2s4d6fg',
      'k0a8d2xq3v9m1c5n7b4zr'
    ])
    expect((await find({ filterType: 'MapServer', filterMode: 'Shared' })).body).toEqual({
      filteredDeploymentIds: [emulator.deploymentIds[0]]
    })
    expect((await find({ filterName: 'shared' })).body).toEqual({ filteredDeploymentIds: [] })
    const missing = await post(emulator, 'admin/system/deployments/getDeploymentsById', {
      token: emulator.token
    })
    expect(missing.body).toMatchObject({ status: 'error', code: 400 })
    const byGet = await get(emulator, 'admin/system/deployments/findDeploymentIds')
    expect(byGet.body).toMatchObject({ status: 'error', code: 405 })
  })

  it('answers 404 for a way of listing deployments it is told not to offer', async () => {
    const resourceOnly = await emulate({ deploymentListings: ['resource'] })
    expect(
      (
        await post(resourceOnly, 'admin/system/deployments/findDeploymentIds', {
          token: resourceOnly.token
        })
      ).body
    ).toMatchObject({ code: 404 })
    const findOnly = await emulate({ deploymentListings: ['find-ids'] })
    expect((await get(findOnly, 'admin/system/deployments')).body).toMatchObject({ code: 404 })
  })

  it('lists the services of the root folder without their deployments, and of each folder with them', async () => {
    const emulator = await emulate()
    const [, parcelsId] = emulator.deploymentIds
    expect((await get(emulator, 'admin/services')).body).toEqual({
      folderName: '/',
      description: 'Root folder',
      folders: ['Basemaps', 'Hosted', 'Utilities'],
      services: [
        {
          serviceName: 'SampleWorldCities',
          type: 'MapServer',
          folderName: '',
          description: ''
        }
      ]
    })
    expect((await get(emulator, 'admin/services/Hosted')).body).toEqual({
      folderName: 'Hosted',
      services: [
        {
          serviceName: 'Parcels',
          type: 'FeatureServer',
          folderName: 'Hosted',
          description: '',
          deploymentId: parcelsId
        }
      ]
    })
    expect((await get(emulator, 'admin/services/Nowhere')).body).toMatchObject({ code: 404 })
  })

  it('serves stopped services: STOPPED in their status, "not started" at their endpoint for good', async () => {
    const emulator = await emulate({
      deployments: [
        {
          deploymentId: 'kshared',
          name: 'shared-mapserver',
          mode: 'Shared',
          services: ['Hosted/Roads.MapServer', 'Cities.MapServer'],
          stoppedServices: ['Hosted/Roads.MapServer']
        }
      ]
    })
    expect((await get(emulator, 'admin/services/Hosted/Roads.MapServer/status')).body).toEqual({
      configuredState: 'STOPPED',
      realTimeState: 'STOPPED'
    })
    expect((await get(emulator, 'admin/services/Cities.MapServer/status')).body).toEqual({
      configuredState: 'STARTED',
      realTimeState: 'STARTED'
    })
    expect((await get(emulator, 'admin/services/Nowhere.MapServer/status')).body).toMatchObject({
      code: 404
    })
    await refresh(emulator, 'kshared')
    await sleep(1_000)
    for (let poll = 0; poll < 2; poll++) {
      const answer = await get(emulator, 'rest/services/Hosted/Roads/MapServer')
      expect(answer.status).toBe(200)
      expect(answer.body).toEqual({
        error: { code: 500, message: 'Service Hosted/Roads/MapServer not started ', details: [] }
      })
    }
    expect((await get(emulator, 'rest/services/Cities/MapServer')).body).toHaveProperty(
      'serviceName',
      'Cities'
    )
  })

  it('refuses a stopped service that the seed does not run', async () => {
    await expect(
      startEmulator({
        deployments: [
          {
            deploymentId: 'k1',
            name: 'one',
            services: ['A.MapServer'],
            stoppedServices: ['B.MapServer']
          }
        ]
      })
    ).rejects.toThrow("Stopped service 'B.MapServer' is not one of the services of 'one'")
  })

  it('lists services without deployments, or not at all, when told to', async () => {
    const namesOnly = await emulate({ serviceListing: 'names-only' })
    expect((await get(namesOnly, 'admin/services/Hosted')).body.services).toEqual([
      { serviceName: 'Parcels', type: 'FeatureServer', folderName: 'Hosted', description: '' }
    ])
    const none = await emulate({ serviceListing: 'none' })
    expect((await get(none, 'admin/services')).body).toMatchObject({ code: 404 })
    // A service's own admin resource still names its deployment.
    expect((await get(none, 'admin/services/Hosted/Parcels.FeatureServer')).body).toHaveProperty(
      'deploymentId'
    )
  })
})

describe('service endpoints and /health', () => {
  const restUrl = (emulator: Emulator, path: string) =>
    `${emulator.portalUrl}/rest/services/${path}?f=json`
  const asked = (emulator: Emulator, path: string) =>
    call(restUrl(emulator, path), {
      headers: { 'X-Esri-Authorization': `Bearer ${emulator.token}` }
    })

  it('describes a service at rest/services/[<Folder>/]<Name>/<Type> to a client with a token', async () => {
    const emulator = await emulate()
    expect((await asked(emulator, 'Hosted/Parcels/FeatureServer')).body).toEqual({
      currentVersion: 11.4,
      serviceDescription: '',
      serviceName: 'Parcels',
      type: 'FeatureServer'
    })
    expect((await asked(emulator, 'SampleWorldCities/MapServer')).body).toMatchObject({
      serviceName: 'SampleWorldCities'
    })
    expect((await asked(emulator, 'Hosted/Nope/FeatureServer')).body).toMatchObject({
      error: { code: 404 }
    })
    expect((await call(restUrl(emulator, 'Hosted/Parcels/FeatureServer'))).body).toMatchObject({
      error: { code: 499 }
    })
  })

  it('answers an error after a restart until the pods are ready and serviceWarmupMs more', async () => {
    const emulator = await emulate({ serviceWarmupMs: 300 })
    const [, parcelsId] = emulator.deploymentIds
    // Taken before the refresh goes out: the emulator's clocks start when it arrives.
    const restarted = Date.now()
    await refresh(emulator, parcelsId)
    expect((await asked(emulator, 'Hosted/Parcels/FeatureServer')).body).toMatchObject({
      error: { code: 500, message: 'Service Hosted/Parcels/FeatureServer is not started.' }
    })
    let answered: number | undefined
    while (answered === undefined && Date.now() - restarted < 5_000) {
      const { body } = await asked(emulator, 'Hosted/Parcels/FeatureServer')
      if (!('error' in body)) answered = Date.now()
      else await sleep(25)
    }
    // submittedMs + executingMs + readyDelayMs + serviceWarmupMs
    expect(answered! - restarted).toBeGreaterThanOrEqual(150 + 300 + 200 + 300)
    // The other deployments' services were never down.
    expect((await asked(emulator, 'SampleWorldCities/MapServer')).body).not.toHaveProperty('error')
  })

  it('never answers again for a seed whose services never answer', async () => {
    const deployments = scenarios.success.deployments ?? []
    const emulator = await emulate({
      deployments: [
        {
          deploymentId: 'kbroken',
          name: 'broken',
          services: ['Broken.MapServer'],
          servicesNeverAnswer: true
        },
        ...deployments
      ]
    })
    expect((await asked(emulator, 'Broken/MapServer')).body).not.toHaveProperty('error')
    await refresh(emulator, 'kbroken')
    await sleep(150 + 300 + 200 + 100)
    expect((await asked(emulator, 'Broken/MapServer')).body).toMatchObject({ error: { code: 500 } })
  })

  it.each([
    ['pods', { readyReplicas: 0, currentState: 'STARTED' }, false],
    ['state', { readyReplicas: 1, currentState: 'FAILED' }, false],
    ['services', { readyReplicas: 1, currentState: 'STARTED' }, true]
  ] as const)(
    'is unhealthy by its %s until its first refresh heals it',
    async (how, status, servicesFail) => {
      const emulator = await emulate({
        deployments: [
          { deploymentId: 'ksick', name: 'sick', services: ['Sick.MapServer'], unhealthy: how },
          { deploymentId: 'kwell', name: 'well', services: ['Well.MapServer'] }
        ]
      })
      const statusOf = async (id: string) =>
        (await get(emulator, `admin/system/deployments/${id}/status`)).body
      expect(await statusOf('ksick')).toMatchObject({ ...status, totalReplicas: 1 })
      expect(await statusOf('kwell')).toMatchObject({ readyReplicas: 1, currentState: 'STARTED' })
      const sick = (await asked(emulator, 'Sick/MapServer')).body
      if (servicesFail) expect(sick).toMatchObject({ error: { code: 500 } })
      else expect(sick).not.toHaveProperty('error')
      expect((await asked(emulator, 'Well/MapServer')).body).not.toHaveProperty('error')

      await refresh(emulator, 'ksick')
      await sleep(150 + 300 + 200 + 100)
      expect(await statusOf('ksick')).toMatchObject({ readyReplicas: 1, currentState: 'STARTED' })
      expect((await asked(emulator, 'Sick/MapServer')).body).not.toHaveProperty('error')
    }
  )

  it('answers /health with a plain 200 to anyone', async () => {
    const emulator = await emulate()
    const response = await fetch(`${emulator.origin}/health`)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('ok')
  })
})

describe('refresh jobs', () => {
  async function pollUntilReady(emulator: Emulator, jobId: string, deploymentId: string) {
    const samples: { status: unknown; readyReplicas: unknown }[] = []
    for (let poll = 0; poll < 200; poll += 1) {
      const job = await get(emulator, `admin/jobs/${jobId}`)
      const status = await get(emulator, `admin/system/deployments/${deploymentId}/status`)
      samples.push({ status: job.body.status, readyReplicas: status.body.readyReplicas })
      if (status.body.readyReplicas === status.body.totalReplicas) return samples
      await sleep(25)
    }
    throw new Error(`not ready after 200 polls: ${JSON.stringify(samples.at(-1))}`)
  }

  function distinct<T>(values: T[]): T[] {
    return values.filter((value, index) => index === 0 || value !== values[index - 1])
  }

  it('moves a job SUBMITTED → EXECUTING → COMPLETED while the pods go down and come back', async () => {
    const emulator = await emulate()
    const [sharedId] = emulator.deploymentIds
    const submitted = await refresh(emulator, sharedId)
    const jobId = submitted.body.jobID as string
    expect(submitted.body).toEqual({
      jobsUrl: `${emulator.portalUrl}/admin/jobs/${jobId}`,
      jobID: expect.stringMatching(/^j/),
      jobStatus: 'SUBMITTED'
    })
    const samples = await pollUntilReady(emulator, jobId, sharedId)
    expect(distinct(samples.map((sample) => sample.status))).toEqual([
      'SUBMITTED',
      'EXECUTING',
      'COMPLETED'
    ])
    expect(distinct(samples.map((sample) => sample.readyReplicas))).toEqual([0, 2])
    const firstReady = samples.findIndex((sample) => sample.readyReplicas === 2)
    expect(samples.slice(firstReady - 2, firstReady).map((sample) => sample.status)).toEqual([
      'COMPLETED',
      'COMPLETED'
    ])

    const { body } = await get(emulator, `admin/jobs/${jobId}`)
    expect(body).toEqual({
      jobid: jobId,
      status: 'COMPLETED',
      operationURI: `/arcgis/admin/system/deployments/${sharedId}/refresh`,
      username: 'admin',
      starttime: expect.any(Number),
      endtime: (body.starttime as number) + 450,
      updatedtime: (body.starttime as number) + 450,
      result: { service: { deploymentId: sharedId } }
    })
  })

  it('reports failed, completed-with-error, stuck and never-ready deployments', async () => {
    const failureMessages = ['Readiness probe failed', 'Back-off restarting failed container']
    const emulator = await emulate({
      submittedMs: 0,
      executingMs: 50,
      readyDelayMs: 0,
      deployments: [
        { deploymentId: 'failing', name: 'failing-mapserver', job: 'fail', failureMessages },
        { deploymentId: 'failing-default', name: 'failing-default', job: 'fail' },
        { deploymentId: 'erroring', name: 'erroring', job: 'complete-with-error', failureMessages },
        { deploymentId: 'stuck', name: 'stuck-mapserver', job: 'stuck' },
        { deploymentId: 'lost', name: 'lost-mapserver', neverReady: true }
      ]
    })
    const jobIds: Record<string, string> = {}
    for (const id of emulator.deploymentIds) {
      jobIds[id] = (await refresh(emulator, id)).body.jobID as string
    }
    await sleep(120)
    const job = async (id: string) => (await get(emulator, `admin/jobs/${jobIds[id]}`)).body
    const ready = async (id: string) =>
      (await get(emulator, `admin/system/deployments/${id}/status`)).body.readyReplicas

    expect(await job('failing')).toMatchObject({
      status: 'FAILED',
      result: { messages: failureMessages }
    })
    expect(await job('failing-default')).toMatchObject({
      status: 'FAILED',
      result: { messages: ['Pods failed to become ready: CrashLoopBackOff'] }
    })
    expect(await job('erroring')).toMatchObject({
      status: 'COMPLETED',
      result: { status: 'error', messages: failureMessages }
    })
    expect(await job('stuck')).toMatchObject({ status: 'EXECUTING', endtime: 0 })
    expect(await ready('stuck')).toBe(0)
    expect(await job('lost')).toMatchObject({ status: 'COMPLETED' })
    expect(await ready('lost')).toBe(0)
  })

  it('answers with lower-case job keys when asked to', async () => {
    const emulator = await emulate({ lowerCaseJobKeys: true })
    const { body } = await refresh(emulator, emulator.deploymentIds[1])
    expect(body).toEqual({
      jobsUrl: expect.stringContaining('/arcgis/admin/jobs/j'),
      jobid: expect.stringMatching(/^j/),
      status: 'SUBMITTED'
    })
  })

  it('answers {"status":"success"} once the restart is done for async=false and syncRefresh', async () => {
    for (const [options, form] of [
      [{}, { async: 'false' }],
      [{ syncRefresh: true, version: '10.9' }, { async: 'true' }]
    ] as const) {
      const emulator = await emulate(options)
      const started = Date.now()
      const { body } = await refresh(emulator, emulator.deploymentIds[2], form)
      expect(body).toEqual({ status: 'success' })
      expect(Date.now() - started).toBeGreaterThanOrEqual(440)
    }
  })

  it('names the host the client used in jobsUrl, or jobsUrlOrigin when set', async () => {
    const emulator = await emulate({ jobsUrlOrigin: 'https://internal.example:7443' })
    const { body } = await refresh(emulator, emulator.deploymentIds[0])
    expect(body.jobsUrl).toBe(`https://internal.example:7443/arcgis/admin/jobs/${body.jobID}`)
    const viaLocalhost = await emulate({ context: 'portal' })
    const answer = await call(
      `${viaLocalhost.portalUrl.replace('127.0.0.1', 'localhost')}/admin/system/deployments/${viaLocalhost.deploymentIds[0]}/refresh`,
      {
        method: 'POST',
        body: new URLSearchParams({ f: 'json', async: 'true', token: viaLocalhost.token })
      }
    )
    expect(answer.body.jobsUrl).toMatch(/^http:\/\/localhost:\d+\/portal\/admin\/jobs\/j/)
  })
})

describe('fault rules', () => {
  it('answers HTML 503 after skip matching requests, times times', async () => {
    const emulator = await emulate({
      faults: [
        {
          method: 'GET',
          path: '/admin/system/deployments',
          skip: 1,
          times: 2,
          status: 503,
          body: '<html>503</html>'
        }
      ]
    })
    const url = `${emulator.portalUrl}/admin/system/deployments?f=json&token=${emulator.token}`
    const statuses: number[] = []
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const response = await fetch(url)
      statuses.push(response.status)
      if (response.status === 503) {
        expect(response.headers.get('content-type')).toMatch(/text\/html/)
        expect(await response.text()).toBe('<html>503</html>')
      } else {
        expect(await response.json()).toHaveProperty('deployments')
      }
    }
    expect(statuses).toEqual([200, 503, 503, 200])
    const posted = await post(emulator, 'admin/system/deployments', { token: emulator.token })
    expect(posted.status).toBe(200)
  })

  it('sends 429 with Retry-After and JSON bodies for object faults', async () => {
    const emulator = await emulate({
      faults: [
        {
          path: /\/refresh$/,
          times: 1,
          status: 429,
          headers: { 'Retry-After': '1' },
          body: { busy: true }
        }
      ]
    })
    const throttled = await refresh(emulator, emulator.deploymentIds[0])
    expect(throttled.status).toBe(429)
    expect(throttled.headers.get('retry-after')).toBe('1')
    expect(throttled.body).toEqual({ busy: true })
    expect((await refresh(emulator, emulator.deploymentIds[0])).body).toHaveProperty('jobID')
  })

  it('destroys the socket, and delays real answers', async () => {
    const emulator = await emulate()
    emulator.addFault({ path: '/admin/jobs/', times: 1, destroy: true })
    emulator.addFault({ path: '/status', delayMs: 200 })
    await expect(get(emulator, 'admin/jobs/jx')).rejects.toThrow(/fetch failed/)
    const started = Date.now()
    const { body } = await get(
      emulator,
      `admin/system/deployments/${emulator.deploymentIds[0]}/status`
    )
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
    expect(body).toHaveProperty('readyReplicas', 2)
    expect(emulator.requests.map((request) => request.path)).toEqual([
      '/arcgis/admin/jobs/jx',
      `/arcgis/admin/system/deployments/${emulator.deploymentIds[0]}/status`
    ])
  })
})

describe('request recording', () => {
  it('records every request with its method, path, query, headers and form', async () => {
    const emulator = await emulate()
    const [id] = emulator.deploymentIds
    await call(`${emulator.portalUrl}/admin/system/deployments/${id}/refresh?trace=1`, {
      method: 'POST',
      headers: { Referer: 'https://github.com/actions' },
      body: new URLSearchParams({ async: 'true', f: 'json', token: emulator.token })
    })
    const [recorded] = emulator.requests
    expect(recorded).toMatchObject({
      method: 'POST',
      path: `/arcgis/admin/system/deployments/${id}/refresh`,
      query: { trace: '1' },
      form: { async: 'true', f: 'json', token: emulator.token },
      body: `async=true&f=json&token=${emulator.token}`
    })
    expect(recorded.headers.referer).toBe('https://github.com/actions')
    expect(recorded.headers['content-type']).toMatch(/application\/x-www-form-urlencoded/)
    expect(recorded.at).toBeLessThanOrEqual(Date.now())
  })
})

describe('TLS and the CONNECT proxy', () => {
  const certificates = testCertificates()

  function httpsGet(options: https.RequestOptions): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      https
        .get(options, (response) => {
          let body = ''
          response.setEncoding('utf8')
          response.on('data', (chunk: string) => (body += chunk))
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
        })
        .on('error', reject)
    })
  }

  it('serves HTTPS that verifies against the test CA only', async () => {
    const emulator = await emulate({ tls: certificates })
    expect(emulator.portalUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/arcgis$/)
    const url = new URL(`${emulator.portalUrl}/admin?f=json&token=${emulator.token}`)
    const answer = await httpsGet({
      host: url.hostname,
      port: url.port,
      path: url.pathname + url.search,
      ca: certificates.caCert
    })
    expect(JSON.parse(answer.body)).toMatchObject({ fullVersion: '11.4' })
    await expect(
      httpsGet({
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        agent: false
      })
    ).rejects.toThrow(/self[- ]signed|unable to verify|unable to get local issuer/i)
  })

  it('tunnels to the emulator under a made-up name and records the CONNECT target', async () => {
    const emulator = await emulate({ tls: certificates })
    const proxy = await startConnectProxy({
      resolveHost: (host) => (host === 'portal.test' ? '127.0.0.1' : host)
    })
    try {
      const port = new URL(emulator.origin).port
      const tunnel = await new Promise<import('node:net').Socket>((resolve, reject) => {
        const proxyUrl = new URL(proxy.url)
        http
          .request({
            host: proxyUrl.hostname,
            port: proxyUrl.port,
            method: 'CONNECT',
            path: `portal.test:${port}`
          })
          .on('connect', (response, socket) => {
            if (response.statusCode === 200) resolve(socket)
            else reject(new Error(`CONNECT answered ${response.statusCode}`))
          })
          .on('error', reject)
          .end()
      })
      const answer = await httpsGet({
        host: 'portal.test',
        port,
        path: `/arcgis/admin/system/deployments?f=json&token=${emulator.token}`,
        ca: certificates.caCert,
        createConnection: () =>
          tls.connect({ socket: tunnel, servername: 'portal.test', ca: certificates.caCert })
      })
      expect(JSON.parse(answer.body).deployments).toHaveLength(3)
      expect(proxy.connects).toEqual([`portal.test:${port}`])
      expect(emulator.requests[0].headers.host).toBe(`portal.test:${port}`)
    } finally {
      await proxy.close()
    }
  })
})

describe('scenarios', () => {
  // The sign-in gateway answers a page by design (see emulator-first-contact.test.ts).
  const answeringScenarios = Object.keys(scenarios).filter((name) => name !== 'sign-in-gateway')
  it.each(answeringScenarios)('%s starts and answers', async (name) => {
    const emulator = await emulate(scenarios[name])
    expect((await get(emulator, 'admin')).body).toHaveProperty('currentVersion')
  })

  it('unavailable answers the first job polls with HTML 503', async () => {
    const emulator = await emulate(scenarios.unavailable)
    const { body } = await refresh(emulator, emulator.deploymentIds[0])
    const response = await fetch(`${body.jobsUrl}?f=json&token=${emulator.token}`)
    expect(response.status).toBe(503)
    expect(await response.text()).toMatch(/<html>/)
  })
})

describe('actionEnv and file commands', () => {
  let actionDir: string
  beforeAll(() => {
    actionDir = mkdtempSync(path.join(tmpdir(), 'action-env-'))
    writeFileSync(
      path.join(actionDir, 'action.yml'),
      [
        'name: test',
        'inputs:',
        '  portal-url: { required: true }',
        "  wait: { default: 'true' }",
        '  max concurrency: { default: 1 }',
        '  token: {}',
        'runs: { using: node24, main: dist/index.js }'
      ].join('\n')
    )
  })
  afterAll(() => rmSync(actionDir, { recursive: true, force: true }))

  it('maps every declared input to INPUT_<NAME>, keeping hyphens and filling defaults', () => {
    expect(actionEnv({ 'portal-url': 'https://gis.example.com/arcgis' }, actionDir)).toEqual({
      'INPUT_PORTAL-URL': 'https://gis.example.com/arcgis',
      INPUT_WAIT: 'true',
      INPUT_MAX_CONCURRENCY: '1',
      INPUT_TOKEN: ''
    })
  })

  it('refuses an input action.yml does not declare', () => {
    expect(() => actionEnv({ portal_url: 'x' }, actionDir)).toThrow(/portal_url/)
  })

  it('reads the real action.yml', () => {
    const env = actionEnv({ 'portal-url': 'https://gis.example.com/arcgis', token: 't' })
    expect(env).toMatchObject({
      'INPUT_PORTAL-URL': 'https://gis.example.com/arcgis',
      INPUT_TOKEN: 't'
    })
    expect(env['INPUT_POLL-INTERVAL']).toBe('10s')
  })

  it('parses GITHUB_OUTPUT heredoc and name=value lines', () => {
    const delimiter = 'ghadelimiter_0f4c'
    const text = `results<<${delimiter}\n[{"a":1},\n{"b":"x=y"}]\n${delimiter}\noutcome=success\nempty<<${delimiter}\n${delimiter}\n`
    expect(parseFileCommands(text)).toEqual({
      results: '[{"a":1},\n{"b":"x=y"}]',
      outcome: 'success',
      empty: ''
    })
    expect(() => parseFileCommands(`open<<${delimiter}\nvalue\n`)).toThrow(/delimiter/)
  })
})
