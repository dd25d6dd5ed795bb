import { describe, expect, it } from '@jest/globals'
import { ArcGISRequestError } from '../src/arcgis/request-error.js'
import type { ServiceRef } from '../src/inputs.js'
import { PortalUnusableError } from '../src/restart/first-contact.js'
import { describeTarget, resolveTargets } from '../src/restart/targets.js'
import { fakeClient } from './support/fake-client.js'
import { recordingLogger } from './support/recording-logger.js'

const PORTAL = 'https://gis.example.com/arcgis'

const service = (label: string): ServiceRef => {
  const [, folder, name, type] = /^(?:(\w+)\/)?(\w+)\.(\w+)$/.exec(label) ?? []
  return { folder, name, type, label }
}

function setUp(serviceDeployments: Record<string, string[]>, modes: Record<string, string> = {}) {
  const { client, asClient } = fakeClient()
  client.getServiceDeploymentIds.mockImplementation(async (...args: unknown[]) => {
    const ref = args[0] as ServiceRef
    return serviceDeployments[ref.label] ?? []
  })
  client.getDeployment.mockImplementation(async (id: string) => ({
    id,
    name: `name-${id}`,
    mode: modes[id] ?? 'Dedicated'
  }))
  return { client, asClient, logger: recordingLogger() }
}

describe('resolveTargets', () => {
  it('reads each deployment id, in input order', async () => {
    const { client, asClient, logger } = setUp({})
    const targets = await resolveTargets(
      asClient,
      { portalUrl: PORTAL, deploymentIds: ['b', 'a'], services: [] },
      logger
    )
    expect(targets).toEqual([
      { deployment: { id: 'b', name: 'name-b', mode: 'Dedicated' }, services: [] },
      { deployment: { id: 'a', name: 'name-a', mode: 'Dedicated' }, services: [] }
    ])
    expect(client.getDeployment.mock.calls).toEqual([['b'], ['a']])
  })

  it('resolves services to their deployments, ids first, each deployment once', async () => {
    const { client, asClient, logger } = setUp({
      'Hosted/Parcels.FeatureServer': ['dep-p'],
      'Roads.MapServer': ['dep-shared'],
      'Rivers.MapServer': ['dep-shared'],
      'Zoning.MapServer': ['a']
    })
    const targets = await resolveTargets(
      asClient,
      {
        portalUrl: PORTAL,
        deploymentIds: ['a'],
        services: [
          'Hosted/Parcels.FeatureServer',
          'Roads.MapServer',
          'Rivers.MapServer',
          'Zoning.MapServer'
        ].map(service)
      },
      logger
    )
    expect(targets.map((target) => [target.deployment.id, target.services])).toEqual([
      ['a', ['Zoning.MapServer']],
      ['dep-p', ['Hosted/Parcels.FeatureServer']],
      ['dep-shared', ['Roads.MapServer', 'Rivers.MapServer']]
    ])
    expect(client.getDeployment).toHaveBeenCalledTimes(3)
    expect(logger.infos()).toContain(
      'Service Hosted/Parcels.FeatureServer runs in deployment dep-p'
    )
  })

  it('restarts each deployment of a service that spans several, once', async () => {
    const { asClient, logger } = setUp({
      'Roads.MapServer': ['dep-1', 'dep-2'],
      'Rivers.MapServer': ['dep-2']
    })
    const targets = await resolveTargets(
      asClient,
      {
        portalUrl: PORTAL,
        deploymentIds: [],
        services: ['Roads.MapServer', 'Rivers.MapServer'].map(service)
      },
      logger
    )
    expect(targets.map((target) => [target.deployment.id, target.services])).toEqual([
      ['dep-1', ['Roads.MapServer']],
      ['dep-2', ['Roads.MapServer', 'Rivers.MapServer']]
    ])
    expect(logger.infos()).toContain('Service Roads.MapServer runs in deployments dep-1, dep-2')
  })

  it('fails when a service names no deployment', async () => {
    const { client, asClient, logger } = setUp({ 'Roads.MapServer': [] })
    await expect(
      resolveTargets(
        asClient,
        { portalUrl: PORTAL, deploymentIds: ['a'], services: [service('Roads.MapServer')] },
        logger
      )
    ).rejects.toThrow(
      'Service Roads.MapServer names no deployment (no deploymentId in its admin resource nor in its scaling resource); name its deployment-id instead'
    )
    expect(client.getDeployment).not.toHaveBeenCalled()
  })

  it('fails before anything restarts when a deployment cannot be read', async () => {
    const { client, asClient, logger } = setUp({})
    client.getDeployment.mockRejectedValueOnce(
      new Error('reading deployment nope failed: ArcGIS error 404')
    )
    await expect(
      resolveTargets(asClient, { portalUrl: PORTAL, deploymentIds: ['nope'], services: [] }, logger)
    ).rejects.toThrow('reading deployment nope failed')
    expect(client.refreshDeployment).not.toHaveBeenCalled()
  })

  it('tells an unknown deployment from a server that has no deployments at all', async () => {
    const notFound = new ArcGISRequestError('api', 'reading deployment nope', {
      httpStatus: 200,
      code: 404,
      messages: ["Deployment 'nope' does not exist."]
    })
    const { client, asClient, logger } = setUp({})
    client.getDeployment.mockRejectedValue(notFound)
    const inputs = { portalUrl: PORTAL, deploymentIds: ['nope'], services: [] }
    await expect(resolveTargets(asClient, inputs, logger)).rejects.toBe(notFound)

    client.hasDeployments.mockResolvedValue(false)
    const classic = resolveTargets(asClient, inputs, logger)
    await expect(classic).rejects.toBeInstanceOf(PortalUnusableError)
    await expect(classic).rejects.toThrow(
      `${PORTAL} is not ArcGIS Enterprise on Kubernetes: deployment nope was not found, and its admin API has no system/deployments.`
    )
  })

  it('says a service without a deployment belongs to a classic server when there are no deployments', async () => {
    const { client, asClient, logger } = setUp({ 'Roads.MapServer': [] })
    client.hasDeployments.mockResolvedValue(false)
    await expect(
      resolveTargets(
        asClient,
        { portalUrl: PORTAL, deploymentIds: [], services: [service('Roads.MapServer')] },
        logger
      )
    ).rejects.toThrow(
      /not ArcGIS Enterprise on Kubernetes: service Roads.MapServer names no deployment/
    )
  })

  it('warns that a Shared deployment restarts every service that shares it', async () => {
    const { asClient, logger } = setUp(
      { 'Roads.MapServer': ['shared1'] },
      { shared1: 'Shared', a: 'shared' }
    )
    await resolveTargets(
      asClient,
      { portalUrl: PORTAL, deploymentIds: ['a'], services: [service('Roads.MapServer')] },
      logger
    )
    expect(logger.warnings()).toEqual([
      'Deployment a (name-a) is Shared: refreshing it restarts the pods of every service that shares it.',
      'Deployment shared1 (name-shared1) is Shared: refreshing it restarts the pods of every service that shares it, not only Roads.MapServer.'
    ])
  })
})

describe('describeTarget', () => {
  it('names a deployment by name and id, or by id alone', () => {
    expect(
      describeTarget({ deployment: { id: 'd1', name: 'shared-mapserver' }, services: [] })
    ).toBe('shared-mapserver (d1)')
    expect(describeTarget({ deployment: { id: 'd1' }, services: [] })).toBe('d1')
  })
})
