import { describe, expect, it } from '@jest/globals'
import { ArcGISRequestError } from '../src/arcgis/request-error.js'
import { Deadline } from '../src/common/deadline.js'
import type { ServiceRef } from '../src/arcgis/service-ref.js'
import { restartDeployment } from '../src/restart/restart-deployment.js'
import type { Target } from '../src/restart/targets.js'
import { planChecks, verifyTarget, type Checks } from '../src/restart/verify.js'
import { fakeClient } from './support/fake-client.js'
import { recordingLogger } from './support/recording-logger.js'

const ref = (label: string): ServiceRef => {
  const [, folder, name, type] = /^(?:(\w+)\/)?(\w+)\.(\w+)$/.exec(label) ?? []
  return { folder, name, type, label }
}
const PARCELS = ref('Hosted/Parcels.FeatureServer')
const CITIES = ref('Cities.MapServer')
const STREETS = ref('Basemaps/Streets.MapServer')
const PARCELS_URL = 'https://gis.example.com/arcgis/rest/services/Hosted/Parcels/FeatureServer'

const notStarted = new ArcGISRequestError('api', 'service Hosted/Parcels.FeatureServer', {
  httpStatus: 200,
  code: 500,
  messages: ['Service not started']
})

function verifyContext(deadlineMs = 5_000) {
  const { client, asClient } = fakeClient()
  return {
    client,
    context: { client: asClient, deadline: new Deadline(deadlineMs), pollIntervalMs: 5 },
    logger: recordingLogger()
  }
}

describe('planChecks', () => {
  const shared: Target = {
    deployment: { id: 'k-shared', name: 'shared-mapserver', type: 'MapServer' },
    services: []
  }
  const parcels: Target = {
    deployment: { id: 'k-parcels', type: 'FeatureServer' },
    services: ['Hosted/Parcels.FeatureServer']
  }

  it('checks the services named for a target reached through them, without listing services', async () => {
    const { client, asClient } = fakeClient()
    const checks = await planChecks(
      [parcels],
      { services: [CITIES, PARCELS], verifyUrls: ['https://apps.example.com/health'] },
      asClient
    )
    expect(checks).toEqual([{ services: [PARCELS], urls: ['https://apps.example.com/health'] }])
    expect(client.listServices).not.toHaveBeenCalled()
  })

  it("finds the services running in any other target's deployment from the services listing", async () => {
    const { client, asClient } = fakeClient()
    client.listServices.mockResolvedValue([
      { service: CITIES, deploymentId: 'k-shared' },
      { service: PARCELS, deploymentId: 'k-parcels' },
      // Not told by the listing: read on its own, as its type is the deployment's.
      { service: STREETS },
      // Not told, and of a type no target serves: not read.
      { service: ref('Tools/Print.GPServer') }
    ])
    client.getServiceDeploymentIds.mockResolvedValue(['k-shared'])
    const idle: Target = { deployment: { id: 'k-idle', type: 'MapServer' }, services: [] }
    const checks = await planChecks([shared, idle], { services: [], verifyUrls: [] }, asClient)
    expect(checks).toEqual([
      { services: [CITIES, STREETS], urls: [] },
      { services: [], urls: [], servicesUnknown: 'the admin API lists no service running in it' }
    ])
    expect(client.listServices).toHaveBeenCalledTimes(1)
    expect(client.getServiceDeploymentIds.mock.calls).toEqual([[STREETS]])
  })

  it('says why the services are not known when the server does not list them', async () => {
    const { client, asClient } = fakeClient()
    client.listServices.mockRejectedValue(
      new ArcGISRequestError('http', 'listing services', { httpStatus: 404 })
    )
    const checks = await planChecks(
      [shared],
      { services: [], verifyUrls: ['https://apps.example.com/'] },
      asClient
    )
    expect(checks).toEqual([
      {
        services: [],
        urls: ['https://apps.example.com/'],
        servicesUnknown: 'the admin API did not list the services (HTTP 404)'
      }
    ])
  })
})

describe('verifyTarget', () => {
  it('polls a service until it answers without an error, then each URL until it answers 2xx', async () => {
    const { client, context, logger } = verifyContext()
    client.readServiceEndpoint
      .mockRejectedValueOnce(notStarted)
      .mockRejectedValueOnce(notStarted)
      .mockResolvedValue(undefined)
    client.probe
      .mockResolvedValueOnce({ status: 502, excerpt: 'Bad Gateway' })
      .mockResolvedValue({ status: 204, excerpt: '' })
    const checks: Checks = { services: [PARCELS], urls: ['https://apps.example.com/health'] }
    await expect(verifyTarget(checks, context, logger)).resolves.toEqual({ kind: 'verified' })
    expect(client.readServiceEndpoint).toHaveBeenCalledTimes(3)
    expect(client.probe.mock.calls).toEqual([
      ['https://apps.example.com/health'],
      ['https://apps.example.com/health']
    ])
    expect(logger.infos()).toEqual([
      'Service Hosted/Parcels.FeatureServer: ArcGIS error 500: Service not started (HTTP 200)',
      `Service Hosted/Parcels.FeatureServer answers at ${PARCELS_URL}`,
      'https://apps.example.com/health: HTTP 502 (Bad Gateway)',
      'https://apps.example.com/health answers'
    ])
  })

  it('gives up at the deadline with the URL and the last answer', async () => {
    const { client, context, logger } = verifyContext(1_000)
    client.readServiceEndpoint.mockRejectedValue(notStarted)
    await expect(verifyTarget({ services: [PARCELS], urls: [] }, context, logger)).resolves.toEqual(
      {
        kind: 'timeout',
        error: `Service Hosted/Parcels.FeatureServer did not answer at ${PARCELS_URL} before the timeout (last answer: ArcGIS error 500: Service not started (HTTP 200))`
      }
    )
  })

  it('gives up on a URL that never answers 2xx, naming it and its last answer', async () => {
    const { client, context, logger } = verifyContext(1_000)
    client.probe.mockResolvedValue({ status: 302, excerpt: '' })
    await expect(
      verifyTarget({ services: [], urls: ['https://apps.example.com/app'] }, context, logger)
    ).resolves.toEqual({
      kind: 'timeout',
      error:
        'https://apps.example.com/app did not answer with HTTP 2xx before the timeout (last answer: HTTP 302)'
    })
  })

  it('reports the last real answer, not the attempt that the deadline cut short', async () => {
    const { client, context, logger } = verifyContext(1_000)
    const cutShort = new ArcGISRequestError('timeout', 'GET https://apps.example.com/app', {
      messages: ['no complete answer within 1 ms'],
      deadline: true
    })
    client.probe.mockResolvedValueOnce({ status: 302, excerpt: '' }).mockRejectedValue(cutShort)
    await expect(
      verifyTarget({ services: [], urls: ['https://apps.example.com/app'] }, context, logger)
    ).resolves.toEqual({
      kind: 'timeout',
      error:
        'https://apps.example.com/app did not answer with HTTP 2xx before the timeout (last answer: HTTP 302)'
    })
  })

  it('checks nothing, and says only pod readiness was checked, when the services are not known', async () => {
    const { client, context, logger } = verifyContext()
    await expect(
      verifyTarget(
        { services: [], urls: [], servicesUnknown: 'the admin API lists no service running in it' },
        context,
        logger
      )
    ).resolves.toEqual({ kind: 'unchecked' })
    expect(logger.infos()).toEqual([
      'Only pod readiness is checked: the admin API lists no service running in it.'
    ])
    expect(client.readServiceEndpoint).not.toHaveBeenCalled()
  })

  it('passes on an error that is not an answer (a cancellation, a bug)', async () => {
    const { client, context, logger } = verifyContext()
    client.readServiceEndpoint.mockRejectedValue(new TypeError('boom'))
    await expect(verifyTarget({ services: [PARCELS], urls: [] }, context, logger)).rejects.toThrow(
      'boom'
    )
  })
})

describe('restartDeployment with verification', () => {
  const target: Target = { deployment: { id: 'd1', name: 'parcels' }, services: [PARCELS.label] }

  function restart(checks: Checks | undefined, deadlineMs = 5_000) {
    const { client, asClient } = fakeClient()
    const logger = recordingLogger()
    const run = () =>
      restartDeployment(
        target,
        {
          client: asClient,
          deadline: new Deadline(deadlineMs),
          wait: true,
          waitForReady: true,
          pollIntervalMs: 5,
          portalUrl: 'https://gis.example.com/arcgis',
          synchronousRefresh: false,
          checks,
          onChange: () => undefined
        },
        logger
      )
    return { client, logger, run }
  }

  it('reports verified: true once the services answer', async () => {
    const { run } = restart({ services: [PARCELS], urls: [] })
    await expect(run()).resolves.toMatchObject({ outcome: 'success', ready: true, verified: true })
  })

  it('reports a service that never answers as a timeout with its URL, the pods ready', async () => {
    const { client, run } = restart({ services: [PARCELS], urls: [] }, 1_500)
    client.readServiceEndpoint.mockRejectedValue(notStarted)
    const result = await run()
    expect(result).toMatchObject({ outcome: 'timeout', ready: true, verified: false })
    expect(result.error).toContain(PARCELS_URL)
    expect(result.error).toContain('Service not started')
  })

  it('reports verified: null when nothing could be checked, and when verify is off', async () => {
    const unknown = restart({ services: [], urls: [], servicesUnknown: 'no listing' })
    await expect(unknown.run()).resolves.toMatchObject({ outcome: 'success', verified: null })
    const off = restart(undefined)
    await expect(off.run()).resolves.toMatchObject({ outcome: 'success', verified: null })
    expect(off.client.readServiceEndpoint).not.toHaveBeenCalled()
  })
})
