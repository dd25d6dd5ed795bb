import { describe, expect, it } from '@jest/globals'
import { DeploymentListingUnavailable } from '../src/arcgis/admin-client.js'
import type { Deployment } from '../src/arcgis/answers.js'
import { ArcGISRequestError } from '../src/arcgis/request-error.js'
import type { ServiceRef } from '../src/arcgis/service-ref.js'
import type { DeploymentFilter } from '../src/restart/selection.js'
import { PortalUnusableError } from '../src/restart/first-contact.js'
import { describeTarget, resolveTargets, type SelectionInputs } from '../src/restart/targets.js'
import { fakeClient } from './support/fake-client.js'
import { recordingLogger } from './support/recording-logger.js'
import { serviceRef, text } from './support/server-texts.js'
import { INPUT_VOCABULARY } from '../src/common/vocabulary.js'

const PORTAL = 'https://gis.example.com/arcgis'

const filter = (label: string, criteria: DeploymentFilter['criteria']): DeploymentFilter => ({
  label,
  criteria
})

function selecting(inputs: Partial<SelectionInputs>): SelectionInputs {
  return {
    portalUrl: PORTAL,
    deployments: [],
    services: [],
    deploymentFilters: [],
    allowEmpty: false,
    vocabulary: INPUT_VOCABULARY,
    ...inputs
  }
}

/** What the admin API answers for an id it does not know. */
const notFound = (id: string) =>
  new ArcGISRequestError('api', `reading deployment ${id}`, {
    httpStatus: 200,
    code: 404,
    messages: [`Deployment '${id}' does not exist.`]
  })

const CATALOG: Deployment[] = [
  { id: 'k-shared', name: text('shared-mapserver'), type: text('MapServer'), mode: text('Shared') },
  {
    id: 'k-water',
    name: text('water-mapserver'),
    type: text('MapServer'),
    mode: text('Dedicated')
  },
  {
    id: 'k-parcels',
    name: text('parcels-featureserver'),
    type: text('FeatureServer'),
    mode: text('Dedicated')
  },
  {
    id: 'k-roads',
    name: text('roads-featureserver'),
    type: text('FeatureServer'),
    mode: text('Dedicated')
  },
  {
    id: 'k-ingress',
    name: text('ingress-controller'),
    type: text('System'),
    mode: text('Undefined')
  },
  { id: 'k-admin', name: text('admin-api'), type: text('System'), mode: text('Undefined') },
  {
    id: 'k-db',
    name: text('relational-store-primary'),
    type: text('RelationalStore'),
    mode: text('Primary')
  }
]

/**
 * A client whose getDeployment knows the ids of `catalog` (and answers 404 for anything else), whose listing is
 * `catalog`, and whose services run in `serviceDeployments`.
 */
function setUp(serviceDeployments: Record<string, string[]> = {}, catalog: Deployment[] = CATALOG) {
  const { client, asClient } = fakeClient()
  client.getServiceDeploymentIds.mockImplementation(
    async (ref: ServiceRef) => serviceDeployments[ref.label.raw] ?? []
  )
  client.getDeployment.mockImplementation(async (id: string) => {
    const known = catalog.find((deployment) => deployment.id === id)
    if (!known) throw notFound(id)
    return known
  })
  client.listDeployments.mockResolvedValue(catalog)
  return { client, asClient, logger: recordingLogger() }
}

const ids = (deployments: Array<{ deployment: Deployment } | Deployment>) =>
  deployments.map((each) => ('deployment' in each ? each.deployment.id : each.id))

const STOPPED: Deployment = {
  id: 'k-archive',
  name: text('archive-mapserver'),
  type: text('MapServer'),
  mode: text('Dedicated'),
  configuredState: 'STOPPED'
}

describe('resolveTargets: stopped deployments', () => {
  const catalog = [...CATALOG, STOPPED]

  it.each([
    ['by id', { deployments: ['k-water', 'k-archive'] }, ''],
    ['by name', { deployments: ['archive-mapserver'] }, ''],
    [
      'through a service',
      { services: [serviceRef('Archive/Old.MapServer')] },
      ', which runs Archive/Old.MapServer,'
    ]
  ])('fails when one is named %s, saying it must be started first', async (_how, inputs, runs) => {
    const { asClient, logger } = setUp({ 'Archive/Old.MapServer': ['k-archive'] }, catalog)
    await expect(resolveTargets(asClient, selecting(inputs), '11.3', logger)).rejects.toThrow(
      `Deployment archive-mapserver (k-archive)${runs} is stopped (configuredState STOPPED): it never becomes ready while stopped, so it must be started first.\nNothing was restarted.`
    )
  })

  it('leaves a stopped deployment out of a filter, saying so; a missing configuredState counts as started', async () => {
    const { asClient, logger } = setUp({}, catalog)
    const { targets, namedOnly, stopped } = await resolveTargets(
      asClient,
      selecting({ deploymentFilters: [filter('type=MapServer', { type: 'MapServer' })] }),
      '11.3',
      logger
    )
    // CATALOG's records carry no configuredState, as an older server's.
    expect(ids(targets)).toEqual(['k-shared', 'k-water'])
    expect(ids(stopped)).toEqual(['k-archive'])
    expect(namedOnly).toEqual([])
    expect(logger.infos()).toContain(
      'deployment-filter "type=MapServer" leaves out archive-mapserver (k-archive): stopped (configuredState STOPPED), it would never become ready; start it to restart it'
    )
  })

  it('fails a filter that matches only stopped deployments', async () => {
    const { asClient, logger } = setUp({}, catalog)
    await expect(
      resolveTargets(
        asClient,
        selecting({ deploymentFilters: [filter('name=archive-*', { name: 'archive-*' })] }),
        '11.3',
        logger
      )
    ).rejects.toThrow(
      'deployment-filter "name=archive-*" matches only stopped deployments: archive-mapserver (k-archive)'
    )
  })
})

describe('resolveTargets: stopped deployments with restart-if: unhealthy', () => {
  const catalog = [...CATALOG, STOPPED]

  it('keeps a named one and a filtered one as targets, for the health check to report as stopped', async () => {
    const { asClient, logger } = setUp({ 'Archive/Old.MapServer': ['k-archive'] }, catalog)
    const named = await resolveTargets(
      asClient,
      selecting({ services: [serviceRef('Archive/Old.MapServer')], restartIf: 'unhealthy' }),
      '11.3',
      logger
    )
    expect(ids(named.targets)).toEqual(['k-archive'])
    const filtered = await resolveTargets(
      asClient,
      selecting({
        deploymentFilters: [filter('name=archive-*', { name: 'archive-*' })],
        restartIf: 'unhealthy'
      }),
      '11.3',
      logger
    )
    expect(ids(filtered.targets)).toEqual(['k-archive'])
    expect(filtered.stopped).toEqual([])
  })
})

describe('resolveTargets: ids and services', () => {
  it('reads each deployment id, in input order, without listing deployments', async () => {
    const { client, asClient, logger } = setUp()
    const { targets, namedOnly } = await resolveTargets(
      asClient,
      selecting({ deployments: ['k-water', 'k-parcels'] }),
      '11.3',
      logger
    )
    expect(targets).toEqual([
      { deployment: CATALOG[1], services: [] },
      { deployment: CATALOG[2], services: [] }
    ])
    expect(namedOnly).toEqual([])
    expect(client.getDeployment.mock.calls).toEqual([['k-water'], ['k-parcels']])
    expect(client.listDeployments).not.toHaveBeenCalled()
  })

  it('resolves services to their deployments, named deployments first, each deployment once', async () => {
    const { client, asClient, logger } = setUp({
      'Hosted/Parcels.FeatureServer': ['k-parcels'],
      'Roads.MapServer': ['k-shared'],
      'Rivers.MapServer': ['k-shared'],
      'Zoning.MapServer': ['k-water']
    })
    const { targets } = await resolveTargets(
      asClient,
      selecting({
        deployments: ['k-water'],
        services: [
          'Hosted/Parcels.FeatureServer',
          'Roads.MapServer',
          'Rivers.MapServer',
          'Zoning.MapServer'
        ].map(serviceRef)
      }),
      '11.3',
      logger
    )
    expect(targets.map((target) => [target.deployment.id, target.services])).toEqual([
      ['k-water', ['Zoning.MapServer']],
      ['k-parcels', ['Hosted/Parcels.FeatureServer']],
      ['k-shared', ['Roads.MapServer', 'Rivers.MapServer']]
    ])
    expect(client.getDeployment).toHaveBeenCalledTimes(3)
    expect(logger.infos()).toContain(
      'Service Hosted/Parcels.FeatureServer runs in deployment k-parcels'
    )
  })

  it('restarts each deployment of a service that spans several, once', async () => {
    const { asClient, logger } = setUp({
      'Roads.MapServer': ['k-water', 'k-shared'],
      'Rivers.MapServer': ['k-shared']
    })
    const { targets } = await resolveTargets(
      asClient,
      selecting({ services: ['Roads.MapServer', 'Rivers.MapServer'].map(serviceRef) }),
      '11.3',
      logger
    )
    expect(targets.map((target) => [target.deployment.id, target.services])).toEqual([
      ['k-water', ['Roads.MapServer']],
      ['k-shared', ['Roads.MapServer', 'Rivers.MapServer']]
    ])
    expect(logger.infos()).toContain(
      'Service Roads.MapServer runs in deployments k-water, k-shared'
    )
  })

  it('fails when a service names no deployment', async () => {
    const { asClient, logger } = setUp({ 'Roads.MapServer': [] })
    await expect(
      resolveTargets(
        asClient,
        selecting({ services: [serviceRef('Roads.MapServer')] }),
        '11.3',
        logger
      )
    ).rejects.toThrow(
      'Service Roads.MapServer names no deployment (no deploymentId in its admin resource nor in its scaling resource); name its deployment in deployment-id instead'
    )
  })

  it('fails at once, without looking for a name, when reading a deployment fails for another reason', async () => {
    const { client, asClient, logger } = setUp()
    const refused = new ArcGISRequestError('api', 'reading deployment k-water', {
      httpStatus: 200,
      code: 498,
      messages: ['Invalid token.']
    })
    client.getDeployment.mockRejectedValueOnce(refused)
    await expect(
      resolveTargets(asClient, selecting({ deployments: ['k-water'] }), '11.3', logger)
    ).rejects.toBe(refused)
    expect(client.listDeployments).not.toHaveBeenCalled()
  })

  it('warns that a Shared deployment restarts every service that shares it', async () => {
    const { asClient, logger } = setUp({ 'Roads.MapServer': ['k-shared'] })
    await resolveTargets(
      asClient,
      selecting({ deployments: ['k-water'], services: [serviceRef('Roads.MapServer')] }),
      '11.3',
      logger
    )
    expect(logger.warnings()).toEqual([
      'Deployment k-shared (shared-mapserver) is Shared: refreshing it restarts the pods of every service that shares it, not only Roads.MapServer.'
    ])
  })
})

describe('resolveTargets: names', () => {
  it('takes a value that is not an id for the name of one deployment, and says which id it is', async () => {
    const { client, asClient, logger } = setUp()
    const { targets } = await resolveTargets(
      asClient,
      selecting({ deployments: ['parcels-featureserver', 'k-water', 'Ingress-Controller'] }),
      '11.3',
      logger
    )
    expect(ids(targets)).toEqual(['k-parcels', 'k-water', 'k-ingress'])
    expect(client.listDeployments.mock.calls).toEqual([['11.3']])
    expect(logger.infos()).toEqual([
      'deployment-id "parcels-featureserver" is the name of deployment k-parcels',
      'deployment-id "Ingress-Controller" is the name of deployment k-ingress'
    ])
    // Named explicitly, a system deployment restarts, with a warning of what that does.
    expect(logger.warnings()).toEqual([
      "Deployment ingress-controller (k-ingress) is not a GIS service's deployment (type System, mode Undefined): while it restarts, the portal and the admin API may not answer; polling goes on through that until the timeout."
    ])
  })

  it('warns of no platform restart for a named deployment whose record gives no mode', async () => {
    const bare: Deployment = { id: 'k-bare', name: text('legacy-mapserver') }
    const { asClient, logger } = setUp({}, [...CATALOG, bare])
    const { targets } = await resolveTargets(
      asClient,
      selecting({ deployments: ['k-bare'] }),
      '11.3',
      logger
    )
    expect(ids(targets)).toEqual(['k-bare'])
    expect(logger.warnings()).toEqual([])
  })

  it('fails when a name belongs to several deployments, naming them', async () => {
    const twins = [
      { id: 'k-a', name: text('geometry'), type: text('GeometryServer'), mode: text('Dedicated') },
      { id: 'k-b', name: text('geometry'), type: text('GeometryServer'), mode: text('Dedicated') }
    ]
    const { asClient, logger } = setUp({}, twins)
    await expect(
      resolveTargets(asClient, selecting({ deployments: ['geometry'] }), '11.3', logger)
    ).rejects.toThrow(
      'deployment-id "geometry" is the name of 2 deployments: geometry (k-a), geometry (k-b); give the id of the one to restart'
    )
  })

  it('fails for an unknown value, offering up to five similar names with their ids, closest first', async () => {
    const { asClient, logger } = setUp()
    await expect(
      resolveTargets(asClient, selecting({ deployments: ['parcels-featureservr'] }), '11.3', logger)
    ).rejects.toThrow(
      'deployment-id "parcels-featureservr" is neither the id nor the name of a deployment. Similar: parcels-featureserver (k-parcels), roads-featureserver (k-roads).'
    )

    const many: Deployment[] = Array.from({ length: 8 }, (_, index) => ({
      id: `k-${index}`,
      name: text(`map-${index}`)
    }))
    const { asClient: manyClient } = setUp({}, many)
    const error = await resolveTargets(
      manyClient,
      selecting({ deployments: ['map'] }),
      '11.3',
      logger
    ).catch((caught: Error) => caught)
    expect((error as Error).message).toBe(
      'deployment-id "map" is neither the id nor the name of a deployment. Similar: map-0 (k-0), map-1 (k-1), map-2 (k-2), map-3 (k-3), map-4 (k-4).'
    )
  })

  it('says how to list every deployment when no name is similar', async () => {
    const { asClient, logger } = setUp()
    await expect(
      resolveTargets(asClient, selecting({ deployments: ['zzzzzzzzzzzz'] }), '11.3', logger)
    ).rejects.toThrow(
      'deployment-id "zzzzzzzzzzzz" is neither the id nor the name of a deployment. No deployment has a similar name; a dry run with deployment-filter: all lists them all.'
    )
  })

  it('reports every value that names no deployment at once, before anything restarts', async () => {
    const { client, asClient, logger } = setUp()
    const error = (await resolveTargets(
      asClient,
      selecting({ deployments: ['nope-one', 'k-water', 'geometry-server-x'] }),
      '11.3',
      logger
    ).catch((caught: Error) => caught)) as Error
    expect(error.message.split('\n')).toEqual([
      expect.stringMatching(/^deployment-id "nope-one" is neither/),
      expect.stringMatching(/^deployment-id "geometry-server-x" is neither/)
    ])
    expect(client.listDeployments).toHaveBeenCalledTimes(1)
  })

  it('says that names cannot be looked up when the server lists deployments neither way', async () => {
    const { client, asClient, logger } = setUp()
    client.listDeployments.mockRejectedValue(
      new DeploymentListingUnavailable([
        'GET system/deployments: HTTP 404',
        'findDeploymentIds: HTTP 404'
      ])
    )
    await expect(
      resolveTargets(
        asClient,
        selecting({ deployments: ['parcels-featureserver'] }),
        '11.3',
        logger
      )
    ).rejects.toThrow(
      'deployment-id "parcels-featureserver" is not a deployment id (ArcGIS error 404: Deployment \'parcels-featureserver\' does not exist. (HTTP 200)), and deployment names cannot be looked up: The server lists its deployments neither way: GET system/deployments: HTTP 404; findDeploymentIds: HTTP 404'
    )
  })
})

describe('resolveTargets: a server without deployments', () => {
  const neitherWay = new DeploymentListingUnavailable([
    'GET system/deployments: ArcGIS error 404',
    'findDeploymentIds: ArcGIS error 404'
  ])

  it('says a service that names no deployment is on a classic server when no deployments are listed', async () => {
    const { client, asClient, logger } = setUp({ 'Roads.MapServer': [] })
    client.listDeployments.mockRejectedValue(neitherWay)
    const resolving = resolveTargets(
      asClient,
      selecting({ services: [serviceRef('Roads.MapServer')] }),
      '11.3',
      logger
    )
    await expect(resolving).rejects.toBeInstanceOf(PortalUnusableError)
    await expect(resolving).rejects.toThrow(
      `${PORTAL} is not ArcGIS Enterprise on Kubernetes: service Roads.MapServer names no deployment, and the server lists its deployments neither way: GET system/deployments: ArcGIS error 404; findDeploymentIds: ArcGIS error 404.`
    )
  })

  it('names ArcGIS Enterprise on Kubernetes when an unknown id cannot be looked up by name either', async () => {
    const { client, asClient, logger } = setUp()
    client.listDeployments.mockRejectedValue(neitherWay)
    await expect(
      resolveTargets(asClient, selecting({ deployments: ['nope'] }), '11.3', logger)
    ).rejects.toThrow(
      'A classic ArcGIS Enterprise (ArcGIS Server, Portal for ArcGIS on Windows or Linux) has no deployments: only ArcGIS Enterprise on Kubernetes has deployments to restart.'
    )
  })
})

describe('resolveTargets: filters', () => {
  it('selects what any filter matches, by name, after the deployments named, each once', async () => {
    const { client, asClient, logger } = setUp({ 'Roads.MapServer': ['k-shared'] })
    const { targets } = await resolveTargets(
      asClient,
      selecting({
        deployments: ['k-roads'],
        services: [serviceRef('Roads.MapServer')],
        deploymentFilters: [
          filter('type=MapServer mode=Dedicated', { type: 'MapServer', mode: 'Dedicated' }),
          filter('name=*-FEATURESERVER', { name: '*-FEATURESERVER' })
        ]
      }),
      '10.9.1',
      logger
    )
    expect(ids(targets)).toEqual(['k-roads', 'k-shared', 'k-parcels', 'k-water'])
    expect(client.listDeployments.mock.calls).toEqual([['10.9.1']])
    expect(logger.infos()).toContain(
      'deployment-filter "type=MapServer mode=Dedicated" selects water-mapserver (k-water)'
    )
    expect(logger.infos()).toContain(
      'deployment-filter "name=*-FEATURESERVER" selects parcels-featureserver (k-parcels), roads-featureserver (k-roads)'
    )
  })

  it('leaves system and data store deployments out of a filter, saying so, unless they are named', async () => {
    const { asClient, logger } = setUp()
    const { targets, namedOnly } = await resolveTargets(
      asClient,
      selecting({
        deployments: ['admin-api'],
        deploymentFilters: [filter('all', {})]
      }),
      '11.3',
      logger
    )
    expect(ids(targets)).toEqual(['k-admin', 'k-parcels', 'k-roads', 'k-shared', 'k-water'])
    expect(ids(namedOnly)).toEqual(['k-ingress', 'k-db'])
    expect(logger.infos()).toContain(
      'deployment-filter "all" leaves out ingress-controller (k-ingress), relational-store-primary (k-db): a filter selects only deployments of GIS services (mode Shared or Dedicated, type not System); system and data store deployments, and any of another or no mode, restart only when named in deployment-id'
    )
  })

  it('selects only Shared and Dedicated deployments that are not System: no mode or an unknown one is left out', async () => {
    const catalog: Deployment[] = [
      ...CATALOG.slice(0, 2),
      {
        id: 'k-hook',
        name: text('webhook-processor'),
        type: text('WebhookProcessor'),
        mode: text('Undefined')
      },
      {
        id: 'k-minio',
        name: text('object-store-primary'),
        type: text('ObjectStore'),
        mode: text('Primary')
      },
      { id: 'k-bare', name: text('mystery-mapserver'), type: text('MapServer') },
      {
        id: 'k-odd',
        name: text('odd-mapserver'),
        type: text('MapServer'),
        mode: text('Replicated')
      }
    ]
    const { asClient, logger } = setUp({}, catalog)
    const { targets, namedOnly } = await resolveTargets(
      asClient,
      selecting({ deploymentFilters: [filter('all', {})] }),
      '11.3',
      logger
    )
    expect(ids(targets)).toEqual(['k-shared', 'k-water'])
    expect(ids(namedOnly)).toEqual(['k-bare', 'k-minio', 'k-odd', 'k-hook'])
    expect(logger.infos()).toContainEqual(
      expect.stringMatching(
        /^deployment-filter "all" leaves out mystery-mapserver \(k-bare\), object-store-primary \(k-minio\), odd-mapserver \(k-odd\), webhook-processor \(k-hook\): a filter selects only deployments of GIS services/
      )
    )
  })

  it('fails, naming each filter that selects nothing, before anything restarts', async () => {
    const { asClient, logger } = setUp()
    await expect(
      resolveTargets(
        asClient,
        selecting({
          deploymentFilters: [
            filter('type=MapServre', { type: 'MapServre' }),
            filter('type=MapServer', { type: 'MapServer' }),
            filter('type=System', { type: 'System' })
          ]
        }),
        '11.3',
        logger
      )
    ).rejects.toThrow(
      [
        'deployment-filter "type=MapServre" matches no deployment',
        'deployment-filter "type=System" matches only deployments that restart only when named: admin-api (k-admin), ingress-controller (k-ingress)',
        'Nothing was restarted. Set allow-empty: true if a filter may match nothing.'
      ].join('\n')
    )
  })

  it('lets a filter match nothing with allow-empty, saying so', async () => {
    const { asClient, logger } = setUp()
    const { targets } = await resolveTargets(
      asClient,
      selecting({
        deploymentFilters: [filter('mode=Standby', { mode: 'Standby' })],
        allowEmpty: true
      }),
      '11.3',
      logger
    )
    expect(targets).toEqual([])
    expect(logger.infos()).toEqual([
      'deployment-filter "mode=Standby" matches no deployment (allow-empty: true)'
    ])
  })

  it('fails with the reason when the server lists deployments neither way', async () => {
    const { client, asClient, logger } = setUp()
    const unavailable = new DeploymentListingUnavailable(['GET system/deployments: HTTP 404'])
    client.listDeployments.mockRejectedValue(unavailable)
    await expect(
      resolveTargets(
        asClient,
        selecting({ deploymentFilters: [filter('all', {})] }),
        '11.3',
        logger
      )
    ).rejects.toBe(unavailable)
  })
})

describe('describeTarget', () => {
  it('names a deployment by name and id, or by id alone', () => {
    expect(
      describeTarget({ deployment: { id: 'd1', name: text('shared-mapserver') }, services: [] })
    ).toBe('shared-mapserver (d1)')
    expect(describeTarget({ deployment: { id: 'd1' }, services: [] })).toBe('d1')
  })
})
