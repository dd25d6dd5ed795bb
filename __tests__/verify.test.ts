import { describe, expect, it } from '@jest/globals'
import { ArcGISRequestError } from '../src/arcgis/request-error.js'
import { Deadline } from '../src/common/deadline.js'
import { restartDeployment } from '../src/restart/restart-deployment.js'
import type { Target } from '../src/restart/targets.js'
import { planChecks, verifyTarget, type Checks } from '../src/restart/verify.js'
import { fakeClient } from './support/fake-client.js'
import { recordingLogger } from './support/recording-logger.js'
import { serviceRef, text } from './support/server-texts.js'
import { INPUT_VOCABULARY } from '../src/common/vocabulary.js'

const PARCELS = serviceRef('Hosted/Parcels.FeatureServer')
const CITIES = serviceRef('Cities.MapServer')
const STREETS = serviceRef('Basemaps/Streets.MapServer')
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
    context: {
      client: asClient,
      deadline: new Deadline(deadlineMs),
      pollIntervalMs: 5,
      words: INPUT_VOCABULARY
    },
    logger: recordingLogger()
  }
}

describe('planChecks', () => {
  const shared: Target = {
    deployment: { id: 'k-shared', name: text('shared-mapserver'), type: text('MapServer') },
    services: []
  }
  const parcels: Target = {
    deployment: { id: 'k-parcels', type: text('FeatureServer') },
    services: ['Hosted/Parcels.FeatureServer']
  }

  it('checks the services named for a target reached through them, without listing services', async () => {
    const { client, asClient } = fakeClient()
    const checks = await planChecks(
      [parcels],
      { services: [CITIES, PARCELS], verifyUrls: ['https://apps.example.com/health'] },
      asClient,
      recordingLogger()
    )
    expect(checks).toEqual([
      { services: [PARCELS], stopped: [], urls: ['https://apps.example.com/health'] }
    ])
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
      { service: serviceRef('Tools/Print.GPServer') }
    ])
    client.getServiceDeploymentIds.mockResolvedValue(['k-shared'])
    const idle: Target = { deployment: { id: 'k-idle', type: text('MapServer') }, services: [] }
    const checks = await planChecks(
      [shared, idle],
      { services: [], verifyUrls: [] },
      asClient,
      recordingLogger()
    )
    expect(checks).toEqual([
      { services: [CITIES, STREETS], stopped: [], urls: [] },
      {
        services: [],
        stopped: [],
        urls: [],
        servicesUnknown: 'the admin API lists no service running in it'
      }
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
      asClient,
      recordingLogger()
    )
    expect(checks).toEqual([
      {
        services: [],
        stopped: [],
        urls: ['https://apps.example.com/'],
        servicesUnknown: 'the admin API did not list the services (HTTP 404)'
      }
    ])
  })
})

describe('planChecks and stopped services', () => {
  const shared: Target = {
    deployment: { id: 'k-shared', name: text('shared-mapserver'), type: text('MapServer') },
    services: []
  }
  const HIKES = serviceRef('Hosted/Hikes.MapServer')

  it('leaves out the services configured as stopped and names them once', async () => {
    const { client, asClient } = fakeClient()
    client.listServices.mockResolvedValue(
      [CITIES, STREETS, HIKES].map((service) => ({ service, deploymentId: 'k-shared' }))
    )
    client.getServiceStatus.mockImplementation(async (service) => ({
      configuredState: service === CITIES ? 'STARTED' : 'STOPPED',
      realTimeState: 'STOPPED'
    }))
    const logger = recordingLogger()
    const [checks] = await planChecks([shared], { services: [], verifyUrls: [] }, asClient, logger)
    expect(checks).toEqual({ services: [CITIES], stopped: [STREETS, HIKES], urls: [] })
    expect(client.getServiceStatus.mock.calls).toEqual([[CITIES], [STREETS], [HIKES]])
    expect(logger.infos()).toEqual([
      'shared-mapserver (k-shared): 2 stopped services not checked: Basemaps/Streets.MapServer, Hosted/Hikes.MapServer'
    ])
  })

  it('checks a service whose status cannot be read as if started, and says so once', async () => {
    const { client, asClient } = fakeClient()
    client.listServices.mockResolvedValue(
      [CITIES, STREETS].map((service) => ({ service, deploymentId: 'k-shared' }))
    )
    client.getServiceStatus.mockRejectedValue(
      new ArcGISRequestError('http', 'reading the status', { httpStatus: 404 })
    )
    const logger = recordingLogger()
    const [checks] = await planChecks([shared], { services: [], verifyUrls: [] }, asClient, logger)
    expect(checks).toEqual({ services: [CITIES, STREETS], stopped: [], urls: [] })
    expect(logger.infos()).toEqual([
      'The status of 2 services could not be read, so they are checked as if started: Cities.MapServer (HTTP 404) and 1 more.'
    ])
  })

  it('reads at most 8 statuses at once', async () => {
    const { client, asClient } = fakeClient()
    const many = Array.from({ length: 30 }, (_, index) => serviceRef(`S${index}.MapServer`))
    client.listServices.mockResolvedValue(
      many.map((service) => ({ service, deploymentId: 'k-shared' }))
    )
    let reading = 0
    let most = 0
    client.getServiceStatus.mockImplementation(async () => {
      most = Math.max(most, ++reading)
      await new Promise((resolve) => setTimeout(resolve, 2))
      reading--
      return { configuredState: 'STARTED' }
    })
    const [checks] = await planChecks(
      [shared],
      { services: [], verifyUrls: [] },
      asClient,
      recordingLogger()
    )
    expect(checks.services).toEqual(many)
    expect(most).toBe(8)
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
      .mockResolvedValueOnce({ status: 502, excerpt: 'Bad Gateway', withToken: false })
      .mockResolvedValue({ status: 204, excerpt: '', withToken: false })
    const checks: Checks = { services: [PARCELS], urls: ['https://apps.example.com/health'] }
    await expect(verifyTarget(checks, context, logger)).resolves.toEqual({ kind: 'verified' })
    expect(client.readServiceEndpoint).toHaveBeenCalledTimes(3)
    expect(client.probe.mock.calls.map(([url]) => url)).toEqual([
      'https://apps.example.com/health',
      'https://apps.example.com/health'
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
    client.probe.mockResolvedValue({ status: 302, excerpt: '', withToken: false })
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
    client.probe
      .mockResolvedValueOnce({ status: 302, excerpt: '', withToken: false })
      .mockRejectedValue(cutShort)
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

  it('stops at once when a service refuses the token, naming it, the answer and the likely causes', async () => {
    const { client, context, logger } = verifyContext(60_000)
    client.readServiceEndpoint.mockRejectedValue(
      new ArcGISRequestError('api', 'service Hosted/Parcels.FeatureServer', {
        httpStatus: 200,
        code: 498,
        messages: ['Invalid token.']
      })
    )
    const started = Date.now()
    const verification = await verifyTarget({ services: [PARCELS], urls: [] }, context, logger)
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(client.readServiceEndpoint).toHaveBeenCalledTimes(1)
    expect(verification).toEqual({
      kind: 'failed',
      error: expect.stringContaining(
        `Service Hosted/Parcels.FeatureServer at ${PARCELS_URL} refused the request (ArcGIS error 498: Invalid token. (HTTP 200))`
      )
    })
    expect((verification as { error: string }).error).toContain('another referer')
  })

  it('stops at once on a verify-url that refuses the token it carried, not on one without it', async () => {
    const { client, context, logger } = verifyContext(1_000)
    client.probe.mockResolvedValueOnce({ status: 403, excerpt: 'Forbidden', withToken: true })
    await expect(
      verifyTarget({ services: [], urls: ['https://gis.example.com/arcgis/home'] }, context, logger)
    ).resolves.toMatchObject({
      kind: 'failed',
      error: expect.stringContaining(
        'https://gis.example.com/arcgis/home refused the request (HTTP 403 (Forbidden))'
      )
    })
    client.probe.mockResolvedValue({ status: 403, excerpt: 'Forbidden', withToken: false })
    await expect(
      verifyTarget({ services: [], urls: ['https://apps.example.com/'] }, context, logger)
    ).resolves.toMatchObject({ kind: 'timeout' })
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
  const target: Target = {
    deployment: { id: 'd1', name: text('parcels') },
    services: [PARCELS.label.raw]
  }

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
          words: INPUT_VOCABULARY,
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

  it('reports a refused token as a failure, and the stopped services it left out', async () => {
    const { client, run } = restart({ services: [PARCELS], stopped: [CITIES], urls: [] })
    client.readServiceEndpoint.mockRejectedValue(
      new ArcGISRequestError('api', 'service', { httpStatus: 403, code: 403, messages: [] })
    )
    await expect(run()).resolves.toMatchObject({
      outcome: 'failure',
      ready: true,
      verified: false,
      stoppedServices: ['Cities.MapServer']
    })
  })

  it('reports verified: null when nothing could be checked, and when verify is off', async () => {
    const unknown = restart({ services: [], urls: [], servicesUnknown: 'no listing' })
    await expect(unknown.run()).resolves.toMatchObject({ outcome: 'success', verified: null })
    const off = restart(undefined)
    await expect(off.run()).resolves.toMatchObject({ outcome: 'success', verified: null })
    expect(off.client.readServiceEndpoint).not.toHaveBeenCalled()
  })
})
